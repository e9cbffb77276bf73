#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds each (default 600), two at a time, niced, on
# copies of the checked-in corpora (so the repository's stay small). Needs a nightly
# toolchain and cargo-fuzz: `cargo install cargo-fuzz`. Crashes land in fuzz/artifacts/.
set -u
cd "$(dirname "$0")"
seconds=${SECONDS_EACH:-600}
work=${FUZZ_WORK:-/tmp/paiban-fuzz-corpus}
nice -n 19 cargo +nightly fuzz build || exit 1
run() {
    mkdir -p "$work/$1"
    cp -n corpus/"$1"/* "$work/$1/" 2>/dev/null
    # font: without debug assertions, which stop at a known one inside ttf-parser (README).
    local release=()
    [ "$1" = font ] && release=(-O)
    nice -n 19 cargo +nightly fuzz run "${release[@]}" "$1" "$work/$1" -- -max_total_time="$seconds" -timeout=20 \
        -rss_limit_mb=2048 -print_final_stats=1 >"$work/$1.log" 2>&1
    echo "$1: exit $? after $seconds s; $(grep -c . "$work/$1.log") log lines; see $work/$1.log"
}
for pair in "article edition" "template typeset" "font"; do
    set -- $pair
    for target in "$@"; do run "$target" & done
    wait
done
