#!/usr/bin/env bash
# torch-oracle.sh - the PyTorch builds the suite uses as oracles, and a way to run code under each.
#
#   scripts/torch-oracle.sh VERSION setup        install/build it (idempotent; prints the path)
#   scripts/torch-oracle.sh VERSION check        exit 0 when it is ready, 1 otherwise (no install)
#   scripts/torch-oracle.sh VERSION info         "torch=<__version__> deb=<package version>"
#   scripts/torch-oracle.sh VERSION run CMD...   run CMD with that torch's python3 as "python3",
#                                                in the current directory (the work tree)
#
# VERSION is one of:
#   1.13   Debian 12's python3-torch 1.13.1 on this machine (/usr/bin/python3; apt-get install)
#   2.14   Debian forky's python3-torch 2.14.1 in a debootstrap chroot (about 10 minutes and
#          2 GB the first time): $IC_ORACLE_ROOT/forky, default /var/lib/interpcheck/oracles.
#          bookworm's debootstrap has no 'forky' script, so the 'sid' script is used with the
#          suite name; forky's Release can be past its Valid-Until, so apt ignores that date.
#          The work tree is bind-mounted at its own path inside a private mount namespace
#          (unshare -m), with /proc and the host's /tmp mounted, so nothing stays mounted
#          after a run.
# Needs root (apt-get, debootstrap, chroot). Outputs of `run` are written as root.
set -euo pipefail

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
}

[ $# -ge 2 ] || { usage >&2; exit 2; }
version=$1
action=$2
shift 2

root_base=${IC_ORACLE_ROOT:-/var/lib/interpcheck/oracles}
mirror=${IC_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
    # The mirror this machine's own apt uses (the only registry reachable here).
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
        /etc/apt/sources.list.d/*.list 2>/dev/null | grep -oE 'https?://[^ ]+/debian/?$' |
        head -1 || true)
    mirror=${mirror:-http://deb.debian.org/debian}
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

case "$version" in
1.13)
    want_torch="1.13"
    pkg_ver_prefix="1.13.1"
    ;;
2.14)
    want_torch="2.14.1"
    pkg_ver_prefix="2.14.1"
    suite=forky
    chroot_dir="$root_base/$suite"
    ;;
*)
    echo "torch-oracle: unknown torch version '$version' (known: 1.13, 2.14)" >&2
    exit 2
    ;;
esac

host_ready() {
    /usr/bin/python3 -c 'import torch, numpy; assert torch.__version__.startswith("1.13")' \
        >/dev/null 2>&1
}

chroot_ready() {
    [ -f "$chroot_dir/.interpcheck-ready" ]
}

in_chroot() {
    # in_chroot CMD...: CMD as root inside the chroot, cwd = $PWD (bind-mounted at its own path).
    local here
    here=$(pwd -P)
    $sudo unshare -m -- /bin/bash -euc '
        root=$1; here=$2; shift 2
        mount --make-rprivate / 2>/dev/null || true
        mount -t proc proc "$root/proc"
        mkdir -p "$root$here" "$root/tmp"
        mount --bind "$here" "$root$here"
        mount --bind /tmp "$root/tmp"
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
            LANG=C.UTF-8 ${ATEN_CPU_CAPABILITY:+ATEN_CPU_CAPABILITY=$ATEN_CPU_CAPABILITY} \
            ${OMP_NUM_THREADS:+OMP_NUM_THREADS=$OMP_NUM_THREADS} \
            /bin/bash -c "cd \"\$0\" && exec \"\$@\"" "$here" "$@"
    ' _ "$chroot_dir" "$here" "$@"
}

setup_chroot() {
    if chroot_ready; then
        echo "torch-oracle: $version ready in $chroot_dir"
        return 0
    fi
    local t0
    t0=$(date +%s)
    command -v debootstrap >/dev/null 2>&1 || {
        echo "torch-oracle: installing debootstrap"
        $sudo apt-get install -y -q --no-install-recommends debootstrap >/dev/null
    }
    $sudo mkdir -p "$root_base"
    if [ ! -x "$chroot_dir/usr/bin/apt-get" ]; then
        echo "torch-oracle: debootstrap $suite (minbase) from $mirror into $chroot_dir"
        $sudo rm -rf "$chroot_dir"
        # bookworm's debootstrap has no script named after forky: use sid's with the suite name.
        local log="$root_base/debootstrap-$suite.log"
        if ! $sudo debootstrap --variant=minbase "$suite" "$chroot_dir" "$mirror" \
            /usr/share/debootstrap/scripts/sid >"$log" 2>&1; then
            tail -n 20 "$log" >&2
            echo "torch-oracle: debootstrap failed (log: $log)" >&2
            exit 1
        fi
    fi
    echo "deb $mirror $suite main" | $sudo tee "$chroot_dir/etc/apt/sources.list" >/dev/null
    echo 'Acquire::Check-Valid-Until "false";' |
        $sudo tee "$chroot_dir/etc/apt/apt.conf.d/99interpcheck" >/dev/null
    echo "torch-oracle: installing python3-torch python3-numpy in the chroot"
    in_chroot /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive;
        apt-get update -q >/dev/null &&
        apt-get install -y -q --no-install-recommends python3-torch python3-numpy >/dev/null &&
        apt-get clean'
    local got
    got=$(in_chroot /usr/bin/python3 -c 'import torch, numpy; print(torch.__version__)')
    case "$got" in
    "$want_torch"*) ;;
    *)
        echo "torch-oracle: the chroot has torch $got, not $want_torch (forky moved on?)" >&2
        exit 1
        ;;
    esac
    $sudo touch "$chroot_dir/.interpcheck-ready"
    echo "torch-oracle: $version ready in $chroot_dir ($(($(date +%s) - t0)) s)"
}

case "$version:$action" in
1.13:setup)
    host_ready || "$(dirname "$0")/install-deps.sh" --torch
    host_ready || { echo "torch-oracle: /usr/bin/python3 has no torch 1.13 after install" >&2; exit 1; }
    echo "torch-oracle: 1.13 ready (/usr/bin/python3)"
    ;;
1.13:check) host_ready ;;
1.13:info)
    echo "torch=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')" \
        "deb=$(dpkg-query -W -f='${Version}' python3-torch)"
    ;;
1.13:run)
    [ $# -ge 1 ] || { usage >&2; exit 2; }
    host_ready || { echo "torch-oracle: torch 1.13 is not installed; run: $0 1.13 setup" >&2; exit 3; }
    # "python3" in CMD means the interpreter with torch 1.13.
    cmd=("$@")
    [ "${cmd[0]}" = python3 ] && cmd[0]=/usr/bin/python3
    exec "${cmd[@]}"
    ;;
*:setup) setup_chroot ;;
*:check) chroot_ready ;;
*:info)
    chroot_ready || { echo "torch-oracle: $version is not built; run: $0 $version setup" >&2; exit 3; }
    in_chroot /bin/sh -c 'echo "torch=$(python3 -c "import torch; print(torch.__version__)")" \
        "deb=$(dpkg-query -W -f="\${Version}" python3-torch)"'
    ;;
*:run)
    [ $# -ge 1 ] || { usage >&2; exit 2; }
    chroot_ready || { echo "torch-oracle: $version is not built; run: $0 $version setup" >&2; exit 3; }
    in_chroot "$@"
    ;;
*)
    echo "torch-oracle: unknown action '$action'" >&2
    usage >&2
    exit 2
    ;;
esac
