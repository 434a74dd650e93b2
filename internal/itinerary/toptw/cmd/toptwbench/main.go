// Command toptwbench runs the TOPTW benchmark without the rest of Itinera
// (the same code as "itinera bench").
package main

import (
	"context"
	"os"
	"os/signal"

	"itinera/internal/itinerary/toptw"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := toptw.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
