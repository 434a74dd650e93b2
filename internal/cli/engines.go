package cli

import (
	"context"

	"itinera/internal/itinerary/toptw"
	"itinera/internal/matching"
)

// runMatch is `itinera match`: the home-hospitality matching engine on a
// JSON instance (format in the matching package's documentation).
func runMatch(ctx context.Context, args []string, env Env, io IO, _ *logs) error {
	if code := matching.Main(ctx, args, io.Stdin, io.Stdout, io.Stderr); code != 0 {
		return exitCode(code)
	}
	return nil
}

// runBench is `itinera bench`: the itinerary engine on the literature's
// benchmark files, every route checked by an independent checker.
func runBench(ctx context.Context, args []string, env Env, io IO, _ *logs) error {
	if code := toptw.Main(ctx, args, io.Stdout, io.Stderr); code != 0 {
		return exitCode(code)
	}
	return nil
}
