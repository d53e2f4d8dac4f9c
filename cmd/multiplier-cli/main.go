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
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/multiplier/multiplier/workspace"
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

func main() { os.Exit(cliMain(os.Args[1:])) }

// cliMain runs the command line args as main does, with Ctrl-C handling,
// and returns the exit status.
func cliMain(args []string) (code int) {
	ctx, cancel := context.WithCancel(context.Background())
	go interrupt(cancel)
	defer func() {
		if v := recover(); v != nil {
			code = crashed(os.Stderr, v)
		}
	}()
	return run(ctx, args, os.Stdout, os.Stderr)
}

// crashed reports a panic without its value, which may quote the data
// being worked on (a roster's names and emails), but with where it
// happened; it returns the exit status 3.
func crashed(w io.Writer, v any) int {
	fmt.Fprintf(w, "multiplier-cli: internal error (%T), a bug in Multiplier; please report it with the trace below.\n"+
		"Its message is left out because it may quote names or emails from your files.\n%s", v, debug.Stack())
	return 3
}

// stopGrace is how long the CLI lets a command stop by itself after
// Ctrl-C before it exits anyway.
const stopGrace = 800 * time.Millisecond

// interrupt cancels the commands' context on the first Ctrl-C (or
// SIGTERM) and exits with status 130 if they have not returned within
// stopGrace, or at once on a second one. Exiting mid-import is safe: the
// file's transaction is rolled back by SQLite when the workspace is
// next opened.
func interrupt(cancel context.CancelFunc) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	cancel()
	fmt.Fprintln(os.Stderr, "\nmultiplier-cli: stopping")
	select {
	case <-sig:
	case <-time.After(stopGrace):
	}
	os.Exit(130)
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
		if errors.Is(err, workspace.ErrBusy) {
			fmt.Fprintln(stderr, "multiplier-cli: run the command again when it is done, or with --wait 10m to wait for it")
		}
		return 1
	}
}

// parse parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
//
// A "--" ends the flags: everything after it is positional, so a file
// whose name starts with "-" can be given.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest, tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(rest, tail...), nil
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
