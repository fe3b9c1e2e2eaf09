#!/usr/bin/env bash
# Sets up hybridize on a fresh machine: the Python package with its test dependencies
# (TensorFlow is only for tests and validation), then WALA and our Java front end.
# Safe to run again: pip and fetch_wala.sh skip what is already in place.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python3 -m pip install --quiet --disable-pip-version-check -e "$repo[test]"
bash "$repo/scripts/fetch_wala.sh"
