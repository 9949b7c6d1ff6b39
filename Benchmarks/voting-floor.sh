#!/usr/bin/env bash
# The floor beside `Voting 2: check 1,000 secret ballots of …` (issue 15): OpenSSL's P-256
# multiplication rate on this machine (`openssl speed ecdhp256`) times the multiplications a ballot's
# proofs need, spread over every core, as the check is.
# Usage: Benchmarks/voting-floor.sh [seconds]   (default 3; run right after the benchmarks, same load)
#
# A branch of a disjunctive proof costs 3 multiplications: A = s·G + c·α is one double multiplication
# (EC_POINTs_mul), B = s·Y + c·(β − v·G) two. A question of k slots with a sum range of r values has
# 2k + r branches (docs/VOTING.md §5). Point decoding, Ed25519 and the hashes are left out: they are
# what Coop's time adds to the floor.
set -euo pipefail
seconds=${1:-3}
rate=$(openssl speed -seconds "$seconds" ecdhp256 2>/dev/null | awk '/ecdh \(nistp256\)/ { print $NF }')
[ -n "$rate" ] || { echo "openssl speed ecdhp256 gave no figure" >&2; exit 1; }
cores=$(nproc)
echo "== OpenSSL floor: $rate P-256 multiplications/s on one core (openssl speed -seconds $seconds ecdhp256), $cores cores"

# branches k r: the branches of a question of k slots summing into r values.
branches() { echo $((2 * $1 + $2)); }
floor() {  # name, multiplications per ballot
    awk -v name="$1" -v m="$2" -v rate="$rate" -v cores="$cores" \
        'BEGIN { printf "%-52s %4d mult./ballot  floor for 1,000: %.2f s\n", name, m, 1000 * m / rate / cores }'
}
floor "one 5-choice approval question (0 to 5)" $((3 * $(branches 5 6)))
floor "one 3-choice question (Belenios's comparison)" $((3 * $(branches 3 1)))
# 3-choice single (3 slots, sum 1), 7 choices pick 0 to 3 (7 slots, 4 values), 3-choice ranking (15 slots, sum 1).
floor "three questions (3, 7 pick 3, 3-choice ranking)" $((3 * ($(branches 3 1) + $(branches 7 4) + $(branches 15 1))))
