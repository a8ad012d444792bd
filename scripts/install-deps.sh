#!/usr/bin/env bash
# install-deps.sh - installs the Debian packages interpcheck needs to build and test.
# Usage: scripts/install-deps.sh [--torch] [--browser] [--format] [--thirdparty]
#   --torch    adds python3-torch + python3-numpy (make vectors, vectors-verify, bench)
#   --browser  adds chromium (make html-check renders the HTML report headless)
#   --format   adds clang-format-14 (make format-check)
#   --thirdparty  adds the libraries `make scoreboard` scores: OpenCV imgproc and dnn, oneDNN,
#              XNNPACK (+ pthreadpool headers), darknet, CImg
set -euo pipefail
pkgs=(build-essential pkg-config libcjson-dev check lcov libssl-dev libxml2-dev valgrind
      libseccomp-dev)
for arg in "$@"; do
    case "$arg" in
    --torch) pkgs+=(python3-torch python3-numpy) ;;
    --browser) pkgs+=(chromium) ;;
    --format) pkgs+=(clang-format-14) ;;
    --thirdparty)
        pkgs+=(g++ libopencv-imgproc-dev libopencv-dnn-dev libdnnl-dev libxnnpack-dev
               libpthreadpool-dev darknet cimg-dev) ;;
    *)
        echo "install-deps: unknown option '$arg' (use --torch, --browser, --format," \
            "--thirdparty)" >&2
        exit 2
        ;;
    esac
done
sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
fi
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps: all Debian packages present (${pkgs[*]})"
    exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
