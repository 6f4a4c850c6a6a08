# Sourced by the check scripts: installs Debian packages that are missing, as root or with sudo.
#   apt_install_missing PACKAGE...   (nothing to do with no arguments)
# On failure it calls the sourcing script's `fail` with one line.
apt_install_missing() {
  [ $# -gt 0 ] || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "need root or sudo to install $*"
    sudo="sudo"
  fi
  echo "installing: $*" >&2
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"; } >/dev/null 2>&1 \
    || fail "apt-get install $* failed"
}
