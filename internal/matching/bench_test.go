package matching_test

import (
	"context"
	"testing"

	"itinera/internal/matching"
	"itinera/internal/matching/matchingtest"
)

// BenchmarkSolve40x30 solves the 40-visitor, 30-household instances of the
// CBC benchmark series (every fifth instance has that size).
func BenchmarkSolve40x30(b *testing.B) {
	var ins []matching.Input
	for k := 0; len(ins) < 8; k += 5 {
		ins = append(ins, matchingtest.Benchmark(k))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := matching.Solve(context.Background(), ins[i%len(ins)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
