package app

import (
	"context"

	"itinera"
)

// Collaborations, recorded by staff (visitors record theirs from their
// feedback link: RecordCollaborationByLink).

// CreateCollaboration records what followed a program.
func (a *App) CreateCollaboration(ctx context.Context, c Caller, col itinera.Collaboration) (itinera.Collaboration, error) {
	if err := mustEdit(c); err != nil {
		return col, err
	}
	col.ID, col.TenantID, col.RecordedBy = 0, c.tenant(), "staff"
	var out itinera.Collaboration
	err := a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Feedback.CreateCollaboration(ctx, &col); err != nil {
			return err
		}
		var err error
		if out, err = a.s.Feedback.Collaboration(ctx, c.tenant(), col.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "collaboration", actCreate, nil, out)
	})
	return out, err
}

// UpdateCollaboration changes a collaboration, if col.Version is still
// current (0: whatever it is).
func (a *App) UpdateCollaboration(ctx context.Context, c Caller, col itinera.Collaboration) (itinera.Collaboration, error) {
	if err := mustEdit(c); err != nil {
		return col, err
	}
	col.TenantID = c.tenant()
	var out itinera.Collaboration
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Feedback.Collaboration(ctx, c.tenant(), col.ID)
		if err != nil {
			return err
		}
		if err := a.s.Feedback.UpdateCollaboration(ctx, &col); err != nil {
			return err
		}
		if out, err = a.s.Feedback.Collaboration(ctx, c.tenant(), col.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "collaboration", actUpdate, before, out)
	})
	return out, err
}

// DeleteCollaboration removes a collaboration.
func (a *App) DeleteCollaboration(ctx context.Context, c Caller, id int64) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Feedback.Collaboration(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if err := a.s.Feedback.DeleteCollaboration(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "collaboration", actDelete, before, nil)
	})
}
