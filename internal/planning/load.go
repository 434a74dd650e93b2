package planning

import (
	"context"

	"itinera"
)

// Load reads everything Build needs for one program through the services.
func Load(ctx context.Context, s itinera.Services, tenantID, programID int64) (Input, error) {
	var in Input
	var err error
	if in.Program, err = s.Programs.Program(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Days, err = s.Programs.Days(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Visitors, err = s.People.Visitors(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Meetings, err = s.Candidates.Meetings(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Activities, err = s.Candidates.Activities(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Places, err = s.Directory.Places(ctx, tenantID, itinera.DirectoryFilter{}); err != nil {
		return in, err
	}
	if in.Organizations, err = s.Directory.Organizations(ctx, tenantID, itinera.DirectoryFilter{}); err != nil {
		return in, err
	}
	cur, err := s.Itineraries.CurrentItinerary(ctx, tenantID, programID)
	switch itinera.ErrorCode(err) {
	case "":
		in.Current = &cur
	case itinera.ENOTFOUND:
	default:
		return in, err
	}
	return in, nil
}
