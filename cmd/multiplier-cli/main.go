// Command multiplier-cli runs Multiplier headless: import exports into a
// workspace, analyse a period, and write the results. It uses the same
// workspace package as the desktop app, so it gets the same numbers.
//
// Usage:
//
//	multiplier-cli import -w WS.db FILE...
//	multiplier-cli analyze -w WS.db [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json OUT.json]
//	multiplier-cli export -w WS.db -o DIR [--anonymize] [--formats png,svg,pdf,xlsx,csv]
//	multiplier-cli identities -w WS.db
//	multiplier-cli identities merge -w WS.db IDENTITY EMAIL
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

var version = "dev"

const usage = `multiplier-cli — Multiplier without the window.

Commands:
  import      import roster and review exports into a workspace
  analyze     analyse a period and print roles, or write the JSON contract
  export      write charts, person PDFs, the workbook and CSV for calibration
  identities  list identities not matched to the roster, or merge one
  version     print the version

Run "multiplier-cli COMMAND --help" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a command line that could not be understood; its
// message has already been printed.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "import":
		err = runImport(ctx, args[1:], stdout, stderr)
	case "analyze", "analyse":
		err = runAnalyze(ctx, args[1:], stdout, stderr)
	case "export":
		err = runExport(ctx, args[1:], stdout, stderr)
	case "identities":
		err = runIdentities(ctx, args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "multiplier-cli", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "multiplier-cli: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintln(stderr, "multiplier-cli:", err)
		return 1
	}
}

// parse parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: multiplier-cli %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}
