package app

import (
	"context"

	"itinera"
	"itinera/internal/requests"
)

// Candidate meetings: create, change, cancel and delete, with the notices
// each causes.

// MeetingResult is a meeting after a workflow, and how many people were
// sent a notice because of it.
type MeetingResult struct {
	Meeting  itinera.Meeting
	Notified int
	// Pending counts the resources to be told at the next release.
	Pending int
}

// CreateMeeting adds a candidate meeting to its program.
func (a *App) CreateMeeting(ctx context.Context, c Caller, m itinera.Meeting) (itinera.Meeting, error) {
	if err := mustEdit(c); err != nil {
		return m, err
	}
	m.TenantID, m.ID = c.tenant(), 0
	var out itinera.Meeting
	err := a.inTx(ctx, func(ctx context.Context) error {
		p, err := a.s.Programs.Program(ctx, c.tenant(), m.ProgramID)
		if err != nil {
			return err
		}
		if m.Status == itinera.MeetingCancelled {
			return itinera.FieldErrors{"status": "A new meeting cannot be cancelled already."}.Err("meeting")
		}
		if err := a.checkMeeting(ctx, p, &m); err != nil {
			return err
		}
		if err := a.s.Candidates.CreateMeeting(ctx, &m); err != nil {
			return err
		}
		if out, err = a.s.Candidates.Meeting(ctx, c.tenant(), m.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "meeting", actCreate, nil, out)
	})
	return out, err
}

// checkMeeting runs every rule of a meeting's fields.
func (a *App) checkMeeting(ctx context.Context, p itinera.Program, m *itinera.Meeting) error {
	f := itinera.FieldErrors{}
	if err := a.checkMeetingRefs(ctx, m, f); err != nil {
		return err
	}
	p.CheckWindows(f, "windows", m.Windows)
	return merge(f, m.Validate(), "meeting")
}

// UpdateMeeting stores the changed fields of a meeting. Setting its status
// to cancelled cancels it (CancelMeeting); moving a confirmed meeting of
// the current itinerary to another place saves a new itinerary version and
// sends its resource an updated invitation.
func (a *App) UpdateMeeting(ctx context.Context, c Caller, m itinera.Meeting) (MeetingResult, error) {
	if err := mustEdit(c); err != nil {
		return MeetingResult{}, err
	}
	var out MeetingResult
	err := a.inTx(ctx, func(ctx context.Context) error {
		old, err := a.s.Candidates.Meeting(ctx, c.tenant(), m.ID)
		if err != nil {
			return err
		}
		p, err := a.s.Programs.Program(ctx, c.tenant(), old.ProgramID)
		if err != nil {
			return err
		}
		m.TenantID, m.ProgramID = c.tenant(), old.ProgramID
		cancel := m.Status == itinera.MeetingCancelled && old.Status != itinera.MeetingCancelled
		if cancel {
			m.Status = old.Status // the cancellation below changes it, with its notices
		}
		if err := a.checkMeeting(ctx, p, &m); err != nil {
			return err
		}
		if err := a.s.Candidates.UpdateMeeting(ctx, &m); err != nil {
			return err
		}
		changed, err := a.s.Candidates.Meeting(ctx, c.tenant(), m.ID)
		if err != nil {
			return err
		}
		if err := a.audit(ctx, c.actor(), c.tenant(), "meeting", actUpdate, old, changed); err != nil {
			return err
		}
		if cancel {
			out, err = a.cancelMeeting(ctx, c, m.ID, "")
			return err
		}
		if out.Notified, out.Pending, err = a.followConfirmedPlace(ctx, c, p, old, m); err != nil {
			return err
		}
		out.Meeting, err = a.s.Candidates.Meeting(ctx, c.tenant(), m.ID)
		return err
	})
	return out, err
}

// followConfirmedPlace: when the place of a confirmed meeting in the
// current itinerary changes, the itinerary gets a new version (its
// SEQUENCE rises) and the meeting's resource an updated invitation, at
// once or at the next release (applyItinerary). It returns how many were
// told, and how many are to be told at the next release.
func (a *App) followConfirmedPlace(ctx context.Context, c Caller, p itinera.Program, old, m itinera.Meeting) (int, int, error) {
	if old.Status != itinera.MeetingConfirmed || m.Status != itinera.MeetingConfirmed || old.PlaceID == m.PlaceID {
		return 0, 0, nil
	}
	cur, err := a.s.Itineraries.CurrentItinerary(ctx, c.tenant(), p.ID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	in := false
	for _, x := range cur.Items {
		in = in || x.MeetingID == m.ID
	}
	if !in {
		return 0, 0, nil
	}
	it := itinera.Itinerary{TenantID: c.tenant(), ProgramID: p.ID, CreatedBy: c.User.ID,
		Note: "The place of “" + m.Title + "” changed", Items: cur.Items}
	return a.applyItinerary(ctx, c, &it)
}

// applyItinerary saves it as the next version. Until the program's first
// release, the resources of the confirmed meetings it moves are sent their
// updated invitations at once (sent); once it is released, the changes
// wait for the next release, where each resource is told once however
// many edits came between (pending). It runs in the caller's transaction.
func (a *App) applyItinerary(ctx context.Context, c Caller, it *itinera.Itinerary) (sent, pending int, err error) {
	organizer, err := a.organizer(ctx, c)
	if err != nil {
		return 0, 0, err
	}
	changes, err := requests.LoadChanges(ctx, a.r, c.tenant(), it.ProgramID, organizer, a.now())
	if err != nil {
		return 0, 0, err
	}
	rels, err := a.s.Itineraries.Releases(ctx, c.tenant(), it.ProgramID)
	if err != nil {
		return 0, 0, err
	}
	var ups []requests.Update
	defer func() {
		if err == nil {
			err = a.auditAt(ctx, c.actor(), c.tenant(), "itinerary", it.ID, it.ProgramID, "new version", nil,
				map[string]any{"Version": it.Version, "Items": len(it.Items), "Note": it.Note})
		}
	}()
	err = a.s.Itineraries.ApplyItinerary(ctx, it, func(cs []itinera.ItemChange) ([]itinera.OutboxMessage, error) {
		var err error
		if ups, err = changes.Updates(cs); err != nil || len(rels) > 0 {
			return nil, err
		}
		if err := a.replyToUpdates(ctx, c, ups); err != nil {
			return nil, err
		}
		var msgs []itinera.OutboxMessage
		for _, u := range ups {
			msgs = append(msgs, u.Messages...)
		}
		return msgs, nil
	})
	if err != nil || len(rels) > 0 {
		return 0, len(ups), err
	}
	for _, u := range ups {
		if err := a.s.Requests.SetToldSequence(ctx, c.tenant(), u.RequestID, u.Sequence); err != nil {
			return 0, 0, err
		}
		sent += len(u.Messages)
	}
	return sent, 0, nil
}

// CancelMeeting cancels a meeting: its live requests are withdrawn, it
// leaves the current itinerary in a new version, and a confirmed meeting's
// resource receives a calendar cancellation (with reason, when given).
func (a *App) CancelMeeting(ctx context.Context, c Caller, id int64, reason string) (MeetingResult, error) {
	if err := mustEdit(c); err != nil {
		return MeetingResult{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "reason", &reason)
	if err := f.Err("cancellation"); err != nil {
		return MeetingResult{}, err
	}
	var out MeetingResult
	err := a.inTx(ctx, func(ctx context.Context) error {
		var err error
		out, err = a.cancelMeeting(ctx, c, id, reason)
		return err
	})
	return out, err
}

func (a *App) cancelMeeting(ctx context.Context, c Caller, id int64, reason string) (MeetingResult, error) {
	m, err := a.s.Candidates.Meeting(ctx, c.tenant(), id)
	if err != nil {
		return MeetingResult{}, err
	}
	rqs, err := a.s.Requests.Requests(ctx, c.tenant(), m.ProgramID)
	if err != nil {
		return MeetingResult{}, err
	}
	var notify itinera.CancelNotify
	out := MeetingResult{}
	for _, rq := range rqs {
		if rq.MeetingID != m.ID || !rq.IsConfirmed() {
			continue
		}
		organizer, err := a.organizer(ctx, c)
		if err != nil {
			return out, err
		}
		conf, err := requests.LoadConfirmation(ctx, a.r, c.tenant(), rq, organizer, a.now())
		if err != nil {
			return out, err
		}
		notify = func(x itinera.Cancelled) ([]itinera.OutboxMessage, error) {
			msgs, err := conf.Cancellations(x)
			out.Notified += len(msgs)
			return msgs, err
		}
	}
	if err := a.s.Requests.CancelMeeting(ctx, c.tenant(), m.ID, reason, notify); err != nil {
		return out, err
	}
	if out.Meeting, err = a.s.Candidates.Meeting(ctx, c.tenant(), m.ID); err != nil {
		return out, err
	}
	return out, a.audit(ctx, c.actor(), c.tenant(), "meeting", "cancel", m, out.Meeting)
}

// DeleteMeeting removes a candidate that has no history. A meeting that
// was requested or is in any itinerary version is cancelled instead, so
// that the history of the program and of the resource stays true.
func (a *App) DeleteMeeting(ctx context.Context, c Caller, id int64) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		m, err := a.s.Candidates.Meeting(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		rqs, err := a.s.Requests.Requests(ctx, c.tenant(), m.ProgramID)
		if err != nil {
			return err
		}
		for _, rq := range rqs {
			if rq.MeetingID == m.ID && rq.Status != itinera.RequestDraft {
				return itinera.Errorf(itinera.ECONFLICT, "“%s” was requested from a resource, so it stays on record: cancel it instead of deleting it.", m.Title)
			}
		}
		n, err := a.s.Itineraries.VersionsWith(ctx, c.tenant(), m.ProgramID, m.ID, 0)
		if err != nil {
			return err
		}
		if n > 0 {
			return itinera.Errorf(itinera.ECONFLICT, "“%s” is in %d itinerary version(s), so it stays on record: cancel it instead of deleting it.", m.Title, n)
		}
		if err := a.s.Candidates.DeleteMeeting(ctx, c.tenant(), m.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "meeting", actDelete, m, nil)
	})
}
