#!/usr/bin/env bash
# Turns `go test -bench -benchmem` output into one table: benchmark, size,
# time per op, memory per op, allocations per op.
awk '
/^pkg:/ { pkg = $2; sub(/.*\//, "", pkg) }
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	n = split(name, parts, "/")
	size = (n > 1) ? parts[n] : "-"
	bench = parts[1]; for (i = 2; i < n; i++) bench = bench "/" parts[i]
	sub(/^Benchmark/, "", bench); bench = pkg "." bench
	t = $3; unit = $4; mem = "-"; allocs = "-"
	for (i = 5; i <= NF; i++) { if ($(i+1) == "B/op") mem = $i; if ($(i+1) == "allocs/op") allocs = $i }
	sec = t / 1e9
	if (sec >= 1) tt = sprintf("%.2f s", sec); else if (sec >= 1e-3) tt = sprintf("%.1f ms", sec*1e3); else tt = sprintf("%.1f µs", sec*1e6)
	if (mem != "-") { m = mem / 1048576; mm = (m >= 1) ? sprintf("%.1f MiB", m) : sprintf("%.0f KiB", mem/1024) } else mm = "-"
	rows[++r] = sprintf("| %-40s | %-12s | %10s | %10s | %10s |", bench, size, tt, mm, allocs)
}
END {
	printf "| %-40s | %-12s | %10s | %10s | %10s |\n", "benchmark", "size", "time/op", "mem/op", "allocs/op"
	printf "|%s|%s|%s|%s|%s|\n", "------------------------------------------", "--------------", "------------", "------------", "------------"
	for (i = 1; i <= r; i++) print rows[i]
}'
