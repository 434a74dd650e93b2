package matching

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// Main runs `itinera match`: it reads an instance as JSON from --input (a
// file, or - for standard input), solves it and prints the result as JSON.
// It returns the exit code: 0 on success, 1 when the input is invalid or
// cannot be solved, 2 when the command line is wrong.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("match", flag.ContinueOnError)
	fs.SetOutput(stderr)
	input := fs.String("input", "", "instance as JSON: a file name, or - for standard input")
	stats := fs.Bool("stats", false, "print search statistics and the score to standard error")
	limit := fs.Duration("timeout", 30*time.Second, "time limit of the search; the best matching found by then is printed")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: itinera match --input FILE.json [--timeout 30s] [--stats]")
		fmt.Fprintln(fs.Output(), "Matches visitors and interpreters to host households and prints the result as JSON.")
		fs.PrintDefaults()
	}
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			// Asked for: the usage goes to standard output.
			fs.SetOutput(stdout)
			fs.Usage()
			return 0
		}
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "match: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *input == "" {
		fmt.Fprintln(stderr, "match: --input is required (a JSON file, or - for standard input)")
		fs.Usage()
		return 2
	}
	var r io.Reader = stdin
	if *input != "-" {
		f, err := os.Open(*input)
		if err != nil {
			fmt.Fprintf(stderr, "match: %v\n", err)
			return 1
		}
		defer f.Close()
		r = f
	}
	in, err := ParseInput(r)
	if err != nil {
		fmt.Fprintf(stderr, "match: %v\n", err)
		return 1
	}
	if *limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *limit)
		defer cancel()
	}
	res, err := Solve(ctx, in)
	if err != nil {
		fmt.Fprintf(stderr, "match: %v\n", err)
		return 1
	}
	if err := res.WriteJSON(stdout); err != nil {
		fmt.Fprintf(stderr, "match: write result: %v\n", err)
		return 1
	}
	if !res.Stats.Optimal {
		fmt.Fprintf(stderr, "match: stopped before the proof: this matching places %d visitors, and no matching places more than %d\n",
			res.Stats.Placed, res.Stats.UpperBound)
	}
	if *stats {
		st := res.Stats
		fmt.Fprintf(stderr, "placed %d of %d visitors (upper bound %d, optimal %t), %d search nodes, %d improving moves, score %d\n",
			st.Placed, len(in.Visitors), st.UpperBound, st.Optimal, st.Nodes, st.ImproveMoves, st.Score)
	}
	return 0
}
