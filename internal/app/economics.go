package app

import (
	"context"

	"itinera"
)

// EconomicInputs returns a program's local economic inputs as entered;
// Version 0 when nothing was entered yet.
func (a *App) EconomicInputs(ctx context.Context, c Caller, programID int64) (itinera.EconomicInputs, error) {
	if err := mustSignIn(c); err != nil {
		return itinera.EconomicInputs{}, err
	}
	return a.r.Reports.EconomicInputs(ctx, c.tenant(), programID)
}

// SaveEconomicInputs stores a program's local economic inputs (hotel
// nights and their cost, meals and their cost, local transport's cost):
// the one figure of the reports the records cannot give, entered once per
// program. e.Version is the version read (0 for none yet); a change made
// on an older one is refused.
func (a *App) SaveEconomicInputs(ctx context.Context, c Caller, programID int64, e itinera.EconomicInputs) (itinera.EconomicInputs, error) {
	if err := mustEdit(c); err != nil {
		return itinera.EconomicInputs{}, err
	}
	e.TenantID, e.ProgramID, e.UpdatedAt = c.tenant(), programID, a.now().UTC()
	if err := e.Validate(); err != nil {
		return itinera.EconomicInputs{}, err
	}
	var out itinera.EconomicInputs
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Reports.EconomicInputs(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		if err := a.s.Reports.SaveEconomicInputs(ctx, &e); err != nil {
			return err
		}
		if out, err = a.s.Reports.EconomicInputs(ctx, c.tenant(), programID); err != nil {
			return err
		}
		action := actUpdate
		if before.Version == 0 {
			action = actCreate
		}
		return a.audit(ctx, c.actor(), c.tenant(), "economic inputs", action, before, out)
	})
	return out, err
}
