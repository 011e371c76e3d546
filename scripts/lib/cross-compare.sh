# shellcheck shell=bash
# The emulated sigv4 against the native one, byte for byte: both sign every request of the
# SigV4 vector suites (tests/data/sigv4-test-suite and aws-signing-test-suite/v4; the v4a
# signatures are ECDSA, different on every run) with the same flags and print the signed
# request (its signature covers the canonical request and the string to sign); outputs and exit
# codes must be equal. Sourced by scripts/cross.
#
#   qtsigv4_cross_compare ROOT NATIVE_SIGV4 CROSS_SIGV4 EMULATOR
qtsigv4_cross_compare() {
    local root="$1" native="$2" cross="$3" emulator="$4"
    local flags=(--region us-east-1 --service service --time 20150830T123600Z
                 --access-key-id AKIDEXAMPLE --secret-access-key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY)
    local request part compared=0 differ=0 a b
    local tmp
    tmp="$(mktemp -d)"
    while IFS= read -r -d '' request; do
        for part in signed-request; do
            a=0 b=0
            AWS_EC2_METADATA_DISABLED=true "$native" sign "$request" "${flags[@]}" --print "$part" \
                >"$tmp/native" 2>/dev/null </dev/null || a=$?
            AWS_EC2_METADATA_DISABLED=true "$emulator" "$cross" sign "$request" "${flags[@]}" --print "$part" \
                >"$tmp/cross" 2>/dev/null </dev/null || b=$?
            compared=$((compared + 1))
            if [ "$a" != "$b" ] || ! cmp -s "$tmp/native" "$tmp/cross"; then
                differ=$((differ + 1))
                echo "DIFFERS: ${request#"$root"/} --print $part (exit $a native, $b emulated)"
                diff "$tmp/native" "$tmp/cross" | head -5 || true
            fi
        done
    done < <(find "$root/tests/data/sigv4-test-suite" -name '*.req' -print0 | sort -z
             find "$root/tests/data/aws-signing-test-suite/v4" -name request.txt -print0 | sort -z)
    rm -rf "$tmp"
    echo "== sigv4 sign, emulated against native: $compared outputs compared, $differ differ"
    [ "$differ" -eq 0 ] && [ "$compared" -gt 0 ]
}
