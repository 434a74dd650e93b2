package itinerary

// ValueInputs are what a candidate's value is computed from.
type ValueInputs struct {
	ObjectivesCovered  int // program objectives (topics) the item covers
	VisitorsInterested int // visitors listing one of its topics among their interests
	Priority           int // officer's priority 1 (low) .. 5 (must see); 0 means 3
}

// ValueBreakdown shows how a value was reached, for the UI.
type ValueBreakdown struct {
	Base            int // every candidate is worth something: 10
	ObjectivePoints int // 30 per objective covered
	InterestPoints  int // 10 per interested visitor
	Subtotal        int // Base + ObjectivePoints + InterestPoints
	PriorityPercent int // 50, 75, 100, 150, 200 for priority 1..5
	Total           int // Subtotal * PriorityPercent / 100, rounded half up
}

// ComputeValue is the value formula of the package documentation:
//
//	value = (10 + 30·objectives covered + 10·visitors interested) × priority factor
//
// with priority factor 0.5, 0.75, 1, 1.5, 2 for priority 1..5.
func ComputeValue(in ValueInputs) ValueBreakdown {
	p := in.Priority
	if p == 0 {
		p = 3
	}
	p = min(max(p, 1), 5)
	pct := [...]int{50, 75, 100, 150, 200}[p-1]
	b := ValueBreakdown{
		Base:            10,
		ObjectivePoints: 30 * max(in.ObjectivesCovered, 0),
		InterestPoints:  10 * max(in.VisitorsInterested, 0),
		PriorityPercent: pct,
	}
	b.Subtotal = b.Base + b.ObjectivePoints + b.InterestPoints
	b.Total = (b.Subtotal*pct + 50) / 100
	return b
}
