package app

import (
	"context"

	"itinera/internal/planning"
)

// PlanSubgroups returns the sub-group planner's proposal for a program
// (issue 15): for each day, whether the delegation splits, who goes with
// which group and interpreter, and what each group attends when, with the
// planner's explanations. It reads and proposes; nothing is stored. The
// same records give the same proposal (PlanSeed, the planner's rounds).
func (a *App) PlanSubgroups(ctx context.Context, c Caller, programID int64) (*planning.SubgroupPlan, error) {
	in, err := planning.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return nil, err
	}
	a.roads(ctx, &in)
	return planning.Subgroups(ctx, in, planning.SubgroupOptions{Seed: PlanSeed})
}
