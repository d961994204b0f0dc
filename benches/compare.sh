#!/usr/bin/env bash
# Times mentor-match on synthetic programmes and checks its optimal cost
# against LEMON's network simplex on the same flow network.
#
# For each size (participants per side) and both priorities, it generates
# a roster with `mentor-match generate --seed 1` and runs three commands:
#   1. `mentor-match match`, timed end to end, with its peak resident
#      memory from /usr/bin/time -v;
#   2. `mentor-match export-dimacs`, for our solve time (all rounds with
#      pricing, and the flow solver alone), solve rounds, network size and
#      optimal cost;
#   3. LEMON's `dimacs-solver` on the exported file, for its network
#      simplex time and optimal cost, which must equal ours.
# It prints the machine, the settings and one Markdown table on stdout, and
# progress on stderr.
#
# Settings, from the environment:
#   SIZES       participants per side, default "500 10000 50000"
#   PRIORITIES  default "best-matches most-mentees"
#   TIME_LIMIT  seconds allowed for each timed command, default 900
#   REPEATS     runs of `match` whose best time is reported, default 5;
#               only runs shorter than a second are repeated, because a
#               single short run mostly measures a cold start
#   KEEP_DATA   set to 1 to keep the generated files (their folder is
#               printed on stderr)
#
# Exit status: 0 when every cost comparison that ran found equal costs,
# 1 on a MISMATCH (also printed on stdout), other values for failures.
#
# It installs LEMON (Debian package liblemon-utils) and GNU time (package
# time) with apt-get when they are missing, which needs root or sudo. CI
# does not run it.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${SIZES:-500 10000 50000}"
priorities="${PRIORITIES:-best-matches most-mentees}"
time_limit="${TIME_LIMIT:-900}"
repeats="${REPEATS:-5}"

log() {
    echo "compare.sh: $*" >&2
}

# Installs the Debian packages given as arguments, with sudo unless root.
install_packages() {
    local run_as_root=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if ! command -v sudo >/dev/null; then
            log "missing packages $*, and installing them needs root or sudo"
            exit 2
        fi
        run_as_root=(sudo)
    fi
    log "installing $*"
    "${run_as_root[@]}" apt-get update -qq >&2
    "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

missing_packages=()
command -v dimacs-solver >/dev/null || missing_packages+=(liblemon-utils)
[[ -x /usr/bin/time ]] || missing_packages+=(time)
if [[ ${#missing_packages[@]} -gt 0 ]]; then
    install_packages "${missing_packages[@]}"
fi

log "building the release binary"
cargo build --release --quiet -p mentor-match-cli --manifest-path "$repo_root/Cargo.toml" >&2

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/mentor-match-compare.XXXXXX")"
if [[ "${KEEP_DATA:-0}" == 1 ]]; then
    log "keeping generated files in $work_dir"
else
    trap 'rm -rf "$work_dir"' EXIT
fi
# Measure a copy, so that a cargo build elsewhere during the run cannot
# replace the binary.
binary="$work_dir/mentor-match"
cp "${CARGO_TARGET_DIR:-$repo_root/target}/release/mentor-match" "$binary"

# Prints a duration given in seconds as "12.3 ms" below one second and
# "4.56 s" from one second up.
format_seconds() {
    awk -v s="$1" 'BEGIN { if (s < 1) printf "%.1f ms", s * 1000; else printf "%.2f s", s }'
}

# Prints a size given in KiB, in MiB below 1 GiB and in GiB from 1 GiB up.
format_kib() {
    awk -v k="$1" 'BEGIN { if (k < 1048576) printf "%.1f MiB", k / 1024; else printf "%.2f GiB", k / 1048576 }'
}

# Prints the table cell for a command that exited with status $1.
describe_failure() {
    case "$1" in
        124) echo "timeout" ;;
        # SIGKILL. On a machine without other limits this is usually the
        # kernel's out-of-memory killer.
        137) echo "killed" ;;
        # SIGABRT, for example after a failed allocation.
        134) echo "aborted" ;;
        *) echo "failed ($1)" ;;
    esac
}

# Prints the value of the `NAME VALUE` line called $1 in file $2.
figure() {
    awk -v name="$1" 'index($0, name " ") == 1 { print substr($0, length(name) + 2) }' "$2"
}

# Prints the current time in seconds with nanoseconds.
now() {
    date +%s.%N
}

# Describes the machine and the settings, for the benchmark record.
print_header() {
    local cpu memory_kib commit lemon_version
    cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    memory_kib="$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)"
    commit="$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [[ -n "$(git -C "$repo_root" status --porcelain 2>/dev/null)" ]]; then
        commit="$commit with uncommitted changes"
    fi
    lemon_version="$(dpkg-query -W -f '${Version}' liblemon-utils 2>/dev/null || echo unknown)"

    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- commit: $commit"
    echo "- machine: $(nproc) cores (nproc), ${cpu:-unknown CPU}, $(awk -v k="$memory_kib" 'BEGIN { printf "%.1f GiB", k / 1048576 }') memory"
    echo "- LEMON: liblemon-utils $lemon_version, \`dimacs-solver -long FILE\` (network simplex)"
    echo "- settings: SIZES=\"$sizes\" PRIORITIES=\"$priorities\" TIME_LIMIT=$time_limit REPEATS=$repeats"
    # Other processes distort the timings, so the record shows the load.
    echo "- load average at start (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| size per side | priority | end to end | peak memory | our solve (all rounds) | our flow solver | rounds | LEMON network simplex | network nodes / arcs | costs equal |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"
}

mismatches=()

# Times `match` end to end and sets match_status, end_to_end and
# peak_memory. When the run fails, end_to_end describes the failure and
# peak_memory is the peak reached before it ended. A run shorter than a
# second is repeated up to REPEATS times in all, and the best time and the
# highest peak are kept.
time_match() {
    local data_dir="$1" priority="$2" out_dir="$3"
    local best="" highest_kib=0 run seconds
    for ((run = 1; run <= repeats; run++)); do
        time_match_once "$data_dir" "$priority" "$out_dir"
        if [[ "$match_status" -ne 0 ]]; then
            return
        fi
        if ((run_kib > highest_kib)); then
            highest_kib="$run_kib"
        fi
        if [[ -z "$best" ]] || awk -v a="$run_seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best="$run_seconds"
        fi
        if awk -v s="$run_seconds" 'BEGIN { exit !(s >= 1) }'; then
            break
        fi
    done
    end_to_end="$(format_seconds "$best")"
    peak_memory="$(format_kib "$highest_kib")"
}

# Runs `match` once and sets match_status, run_seconds and run_kib, or on
# failure end_to_end and peak_memory as `time_match` describes.
time_match_once() {
    local data_dir="$1" priority="$2" out_dir="$3"
    local time_report="$work_dir/time.txt" started finished status=0
    rm -rf "$out_dir"
    started="$(now)"
    /usr/bin/time -v -o "$time_report" \
        timeout "$time_limit" "$binary" match "$data_dir" --priority "$priority" \
        --out "$out_dir" --force --quiet >&2 || status=$?
    finished="$(now)"
    match_status="$status"

    run_kib="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$time_report")"
    run_kib="${run_kib:-0}"
    if [[ "$status" -eq 0 ]]; then
        run_seconds="$(awk -v a="$started" -v b="$finished" 'BEGIN { print b - a }')"
    else
        log "match ended with status $status"
        end_to_end="$(describe_failure "$status")"
        peak_memory=">= $(format_kib "$run_kib")"
    fi
}

# Runs one size and priority and prints its table row.
run_case() {
    local size="$1" priority="$2" data_dir="$3"
    local match_status end_to_end peak_memory
    log "$size per side, $priority: match"
    time_match "$data_dir" "$priority" "$work_dir/output-$size-$priority"
    rm -rf "$work_dir/output-$size-$priority"

    local network="$work_dir/network-$size-$priority.min"
    local figures="$work_dir/figures.txt"
    local our_solve="-" our_flow_solver="-" rounds="-" network_size="-" our_cost="" status=0
    if [[ "$match_status" -eq 0 ]]; then
        log "$size per side, $priority: export-dimacs"
        timeout "$time_limit" "$binary" export-dimacs "$data_dir" "$network" \
            --priority "$priority" --force >"$figures" || status=$?
    else
        # export-dimacs repeats the reading, scoring and solving of `match`,
        # so it would fail the same way.
        status=skipped
    fi
    if [[ "$status" == skipped ]]; then
        our_solve="skipped"
    elif [[ "$status" -eq 0 ]]; then
        our_solve="$(format_seconds "$(awk -v ms="$(figure "solving ms" "$figures")" 'BEGIN { print ms / 1000 }')")"
        our_flow_solver="$(format_seconds "$(awk -v ms="$(figure "flow solver ms" "$figures")" 'BEGIN { print ms / 1000 }')")"
        rounds="$(figure "solve rounds" "$figures")"
        network_size="$(figure nodes "$figures") / $(figure arcs "$figures")"
        our_cost="$(figure "optimal cost" "$figures")"
    else
        log "export-dimacs ended with status $status"
        our_solve="$(describe_failure "$status")"
    fi

    local lemon_time="-" lemon_cost="" costs_equal="n/a"
    if [[ -n "$our_cost" ]]; then
        local lemon_report="$work_dir/lemon.txt"
        status=0
        log "$size per side, $priority: dimacs-solver"
        timeout "$time_limit" dimacs-solver -long "$network" >"$lemon_report" 2>&1 || status=$?
        if [[ "$status" -eq 0 ]]; then
            # The report has lines such as
            #   Run NetworkSimplex: u: 0.01s, s: 0s, cu: 0s, cs: 0s, real: 0.0123s
            #   Min flow cost: -5030176
            lemon_time="$(format_seconds "$(sed -n 's/^Run NetworkSimplex:.*real: \([^s]*\)s$/\1/p' "$lemon_report")")"
            lemon_cost="$(sed -n 's/^Min flow cost: //p' "$lemon_report")"
            if [[ "$lemon_cost" == "$our_cost" ]]; then
                costs_equal="yes"
            else
                costs_equal="no"
                mismatches+=("$size per side, $priority: mentor-match cost $our_cost, LEMON cost ${lemon_cost:-none}")
            fi
        else
            log "dimacs-solver ended with status $status:"
            cat "$lemon_report" >&2
            lemon_time="$(describe_failure "$status")"
        fi
    fi
    rm -f "$network"

    echo "| $size | $priority | $end_to_end | $peak_memory | $our_solve | $our_flow_solver | $rounds | $lemon_time | $network_size | $costs_equal |"
}

print_header
for size in $sizes; do
    data_dir="$work_dir/roster-$size"
    log "$size per side: generating"
    "$binary" generate --mentors "$size" --mentees "$size" --seed 1 "$data_dir" --quiet
    for priority in $priorities; do
        run_case "$size" "$priority" "$data_dir"
    done
    rm -rf "$data_dir"
done
echo
echo "- load average at end (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ ${#mismatches[@]} -gt 0 ]]; then
    echo
    for mismatch in "${mismatches[@]}"; do
        echo "MISMATCH: $mismatch"
    done
    exit 1
fi
