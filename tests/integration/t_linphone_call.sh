#!/bin/bash
# t_linphone_call.sh - Linphone's CLI (linphonec) calls +15550100 and hears
# the greeting; the standalone script does the work (see its header).
exec bash "$(dirname "$0")/linphone_call.sh" "$1"
