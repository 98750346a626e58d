#!/usr/bin/env bash
# A CI job's privacy gate: train the candidate model, audit it, hold it to the policy.
# The job's exit code is the gate's: 0 pass, 1 a limit crossed (or a privacy violation found), 2 error.
#   RUN       the run directory to write (default runs/ci-candidate)
#   BASELINE  the last accepted run, for the policy's maxIncrease/maxDecrease limits (optional)
#   POLICY    the policy file (default examples/privacy-policy.json)
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${RUN:-runs/ci-candidate}"
POLICY="${POLICY:-examples/privacy-policy.json}"

./dpaudit train --scheme dpsgd --model mlp --dataset mnist --members 1000 --epsilon 2 --epochs 30 \
    --batch-size 64 --lr 0.1 --canaries 200 --out "$RUN" --force
# 'audit' exits 1 on claim-violated or accountant-violated; carry on so the gate reports it too.
./dpaudit audit --run "$RUN" || [ $? -eq 1 ]
./dpaudit gate --policy "$POLICY" --run "$RUN" ${BASELINE:+--baseline "$BASELINE"} --junit "$RUN/gate-junit.xml"
