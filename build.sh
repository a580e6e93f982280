#!/usr/bin/env bash
# Entry point of the build: ./build.sh [--target=NAME] [--configuration=Release|Debug] [other Cake arguments]
# Targets and helpers live in build.cake and build/*.cake.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# Quiet when it works; the whole output when it does not.
if ! restore_log=$(dotnet tool restore 2>&1); then echo "$restore_log" >&2; exit 1; fi
exec dotnet tool run dotnet-cake build.cake "$@"
