package planning

import (
	"context"

	"itinera"
	"itinera/internal/records"
	"itinera/internal/travel"
)

// Load reads everything Build needs for one program through the services.
func Load(ctx context.Context, s itinera.Readers, tenantID, programID int64) (Input, error) {
	r, err := records.Load(ctx, s, tenantID, programID)
	if err != nil {
		return Input{}, err
	}
	return Input{Program: r.Program, Days: r.Days, Visitors: r.Visitors, Interpreters: r.Interpreters, Meetings: r.Meetings, Activities: r.Activities,
		Places: r.Places, Organizations: r.Organizations, Current: r.Current, Travel: travel.ForProgram(r.Settings, r.Days, r.Overrides)}, nil
}
