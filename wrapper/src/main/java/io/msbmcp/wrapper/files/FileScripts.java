package io.msbmcp.wrapper.files;

/**
 * The fixed {@code sh -c} scripts of the file calls. Every value (paths, sizes, content) reaches them as a positional
 * argument ({@code "$1"}, {@code "$@"}), never as part of the script text. They answer on stdout with one line per
 * fact: {@code MSBOK …}, {@code MSBERR <kind> <detail>}, {@code MSBDATA <base64>}, {@code MSBSHA <hex>}. Content and
 * names always travel as base64, because the legacy portal reads output line by line and stops at invalid UTF-8.
 */
final class FileScripts {
    private FileScripts() {}

    /**
     * Writes one part of an upload. Args: {@code op dir target tmp overwrite mode sha256 base64-pieces…}; {@code op}
     * holds {@code b} (begin: checks, makes the folder and the empty temp file), {@code c} (commit: mode, checksum,
     * rename) or {@code a} (abort: remove the temp file). Any failure removes the temp file, so a failed upload never
     * leaves a partial file, under the target name or any other.
     */
    static final String UPLOAD = String.join(
            "\n",
            "op=$1 dir=$2 target=$3 tmp=$4 overwrite=$5 mode=$6 sum=$7",
            "shift 7",
            "fail() { rm -f -- \"$tmp\"; printf 'MSBERR %s %s\\n' \"$1\" \"$(printf %s \"$2\" | tr '\\n' ' ')\"; exit 0; }",
            "case $op in *a*) rm -f -- \"$tmp\"; printf 'MSBOK\\n'; exit 0;; esac",
            "case $op in *b*)",
            "  if [ -d \"$target\" ]; then fail is_directory ''; fi",
            "  if [ \"$overwrite\" = 0 ] && { [ -e \"$target\" ] || [ -L \"$target\" ]; }; then fail exists ''; fi",
            "  out=$(mkdir -p -- \"$dir\" 2>&1) || fail mkdir \"$out\"",
            "  out=$( (set -C; : > \"$tmp\") 2>&1) || fail write \"$out\"",
            "esac",
            "if [ $# -gt 0 ]; then out=$(printf %s \"$@\" | base64 -d 2>&1 >> \"$tmp\") || fail write \"$out\"; fi",
            "case $op in *c*)",
            "  if [ -n \"$mode\" ]; then out=$(chmod -- \"$mode\" \"$tmp\" 2>&1) || fail write \"$out\"; fi",
            "  got=$(sha256sum < \"$tmp\") || fail write 'cannot read back the file'",
            "  if [ \"${got%% *}\" != \"$sum\" ]; then fail write 'checksum mismatch inside the sandbox'; fi",
            "  out=$(mv -f -- \"$tmp\" \"$target\" 2>&1) || fail write \"$out\"",
            "  printf 'MSBOK %s\\n' \"$(wc -c < \"$target\")\"",
            "  exit 0;;",
            "esac",
            "printf 'MSBOK\\n'");

    /**
     * Checks a file and sends its size, and its content when it fits in one chunk, else the SHA-256 of what will be
     * sent. Args: {@code path cap cut chunk}: at most {@code cap} bytes are sent; with {@code cut=0} a larger file
     * sends nothing (the caller refuses it).
     */
    static final String DOWNLOAD = String.join(
            "\n",
            "p=$1 cap=$2 cut=$3 chunk=$4",
            "if [ -d \"$p\" ]; then printf 'MSBERR is_directory\\n'; exit 0; fi",
            "if [ ! -e \"$p\" ]; then",
            "  if [ -L \"$p\" ]; then printf 'MSBERR not_found a symbolic link to a missing file\\n';"
                    + " else printf 'MSBERR not_found\\n'; fi",
            "  exit 0",
            "fi",
            "if [ ! -f \"$p\" ]; then printf 'MSBERR not_regular\\n'; exit 0; fi",
            "if [ ! -r \"$p\" ]; then printf 'MSBERR denied\\n'; exit 0; fi",
            "size=$(stat -L -c %s -- \"$p\") || { printf 'MSBERR denied\\n'; exit 0; }",
            "printf 'MSBOK %s\\n' \"$size\"",
            "if [ \"$size\" -gt \"$cap\" ] && [ \"$cut\" = 0 ]; then exit 0; fi",
            "want=$size; if [ \"$want\" -gt \"$cap\" ]; then want=$cap; fi",
            "if [ \"$want\" -le \"$chunk\" ]; then",
            "  printf 'MSBDATA '; head -c \"$want\" -- \"$p\" | base64 -w0; printf '\\n'",
            "else",
            "  s=$(head -c \"$want\" -- \"$p\" | sha256sum); printf 'MSBSHA %s\\n' \"${s%% *}\"",
            "fi");

    /** Sends {@code len} bytes of a file from {@code off}. Args: {@code path off len}. */
    static final String CHUNK =
            "printf 'MSBDATA '; tail -c \"+$(( $2 + 1 ))\" -- \"$1\" | head -c \"$3\" | base64 -w0; printf '\\n'";

    /**
     * Lists a directory's entries (or a file itself) as NUL-separated {@code type size mtime path} records, base64
     * encoded. Args: {@code path depth max seconds}.
     */
    static final String LIST = String.join(
            "\n",
            "p=$1",
            "if [ ! -e \"$p\" ] && [ ! -L \"$p\" ]; then printf 'MSBERR not_found\\n'; exit 0; fi",
            "min=1; [ -d \"$p\" ] || min=0",
            "printf 'MSBOK\\n'",
            "printf 'MSBDATA '",
            "timeout \"$4\" find -H \"$p\" -mindepth \"$min\" -maxdepth \"$2\" -printf '%y %s %T@ %p\\0' 2>/dev/null"
                    + " | head -z -n \"$(( $3 + 1 ))\" | base64 -w0",
            "printf '\\n'");

    /** Prints the working directory (base64). */
    static final String PWD = "printf 'MSBPWD '; printf %s \"$PWD\" | base64 -w0; printf '\\n'";

    /** Folders the artifact scan never enters: installed packages, caches ({@code .cache}, {@code .npm}, {@code __pycache__}), version control. */
    static final String PRUNE =
            "\\( -name .msb-mcp -o -name node_modules -o -name __pycache__ -o -name .git -o -name .cache -o -name .npm"
                    + " -o -name '.msb-clock-*' \\) -prune -o";

    /**
     * The artifact scan: the working directory, the regular files modified in the last {@code $1} + 10 seconds by the
     * sandbox's clock (a coarse prefilter; the caller filters exactly) and, from the same traversal, the pictures among
     * them up to a size (their names go through a temporary file), and, last,
     * the file system's own "now": the mtime of a marker it touches and removes. Reading "now" last keeps the gap
     * between it and the caller's end of the call to the answer's transit time. Args: {@code elapsed-seconds depth
     * max-candidates seconds image-max-bytes image-count}.
     */
    static final String SCAN = String.join(
            "\n",
            "since=$(( $(date +%s) - $1 - 10 ))",
            "img=\"${TMPDIR:-/tmp}/.msb-img-$$\"; (set -C; : > \"$img\") 2>/dev/null || img=/dev/null",
            "printf 'MSBPWD %s\\n' \"$PWD\"",
            "printf 'MSBDATA '",
            "timeout \"$4\" find . -mindepth 1 -maxdepth \"$2\" " + PRUNE
                    + " -type f -newermt \"@$since\" -printf '%s %T@ %P\\0'"
                    + " \\( -size \"-$(( $5 + 1 ))c\" \\( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg'"
                    + " -o -iname '*.gif' -o -iname '*.webp' \\) -fprint \"$img\" \\) 2>/dev/null"
                    + " | head -z -n \"$(( $3 + 1 ))\" | base64 -w0",
            "printf '\\n'",
            "if [ \"$5\" -gt 0 ] && [ \"$6\" -gt 0 ] && [ -s \"$img\" ]; then",
            "  head -n \"$6\" \"$img\" | while IFS= read -r f; do",
            "    printf 'MSBIMG '; printf %s \"${f#./}\" | base64 -w0; printf ' '; base64 -w0 < \"$f\"; printf '\\n'",
            "  done",
            "fi",
            "[ \"$img\" = /dev/null ] && img=",
            "m=\".msb-clock-$$\"; now=",
            "if (set -C; : > \"$m\") 2>/dev/null; then now=$(find \"$m\" -maxdepth 0 -printf '%T@' 2>/dev/null);"
                    + " else m=; fi",
            "set --; if [ -n \"$img\" ]; then set -- \"$img\"; fi; if [ -n \"$m\" ]; then set -- \"$@\" \"$m\"; fi",
            "if [ $# -gt 0 ]; then rm -f -- \"$@\"; fi",
            "[ -n \"$now\" ] || now=$(date +%s.%N)",
            "printf 'MSBNOW %s\\n' \"$now\"");
}
