package cli

import (
	"context"

	"itinera/internal/matching"
)

// runMatch is `itinera match`: the home-hospitality matching engine on a
// JSON instance (format in the matching package's documentation).
func runMatch(ctx context.Context, args []string, env Env, io IO) error {
	if code := matching.Main(ctx, args, io.Stdin, io.Stdout, io.Stderr); code != 0 {
		return exitCode(code)
	}
	return nil
}
