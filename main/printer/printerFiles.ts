// The two files the Faxbot printer adds to a machine: cups-pdf's instance configuration and
// the post-processing hook that hands each finished PDF to Faxbot's watched folder.
import type { DeskUser, PrinterLayout } from './layout';

/** A value safe inside single quotes in sh, whatever it contains. */
function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function cupsPdfConf(layout: PrinterLayout, group: string): string {
  return `# Faxbot printer: cups-pdf reads this file for the device URI cups-pdf:/${layout.instance}.
# Written by "faxbot printer install"; "faxbot printer remove" deletes it.
# PDFs are made in ${layout.spoolDir}/<user> and moved by the hook into the watched folder.
Out ${layout.spoolDir}/\${USER}
AnonDirName ${layout.spoolDir}/ANONYMOUS
# The job number at the end keeps two jobs with one title apart; the hook removes it.
Label 2
# The job's own title (the file or document name the program gives) names the PDF.
TitlePref 1
Grp ${group}
UserUMask 0077
PostProcessing ${layout.hookPath}
`;
}

/**
 * cups-pdf runs the hook as the person who printed, with the PDF's path as $1. A watcher may
 * look at the folder at any moment, so the PDF is copied under a dot-name ending in .part
 * (which the watcher ignores) and then linked to its final name: a link never replaces a
 * document that is still waiting, and the watcher never sees half a file. An empty
 * `<name>.pdf.done` beside it then tells the watcher (main/engine/hotfolder) to take it now.
 */
export function hookScript(watchDir: string, desk: DeskUser): string {
  return `#!/bin/sh
# Faxbot printer hook, written by "faxbot printer install"; "faxbot printer remove" deletes it.
# cups-pdf calls it after each print job: $1 is the PDF, $2 the user cups-pdf ran as.
set -u
WATCH_DIR=${shQuote(watchDir)}
DESK_UID=${desk.uid}
DESK_GID=${desk.gid}

say() {
  echo "faxbot printer: $*" >&2
  command -v logger >/dev/null 2>&1 && logger -t faxbot-printer -- "$*"
  return 0
}

pdf=\${1:-}
if [ -z "$pdf" ] || [ ! -f "$pdf" ]; then
  say "no PDF to hand over (got '$pdf')"
  exit 1
fi
if [ ! -d "$WATCH_DIR" ] || [ ! -w "$WATCH_DIR" ]; then
  say "cannot write to the watched folder $WATCH_DIR; the document stays in $pdf"
  exit 1
fi

# cups-pdf turns spaces into underscores and adds "-job_N"; undo both so a title such as
# "fax to +1 202 555 0143 - referral" reaches Faxbot as it was typed. cups-pdf 3.0.1 can
# also leave stray bytes after a title, behind a double underscore: drop them.
name=$(basename "$pdf" .pdf | sed -e 's/-job_[0-9][0-9]*$//' -e 's/^job_[0-9][0-9]*-//' -e 's/__.*$//' -e 's/_/ /g' -e 's/^[. ]*//' -e 's/ *$//')
[ -n "$name" ] || name="printed document"

part="$WATCH_DIR/.$name.$$.part"
if ! cp "$pdf" "$part"; then
  rm -f "$part"
  say "could not copy $pdf into $WATCH_DIR; the document stays where it is"
  exit 1
fi
chmod 0600 "$part"
# Printed as root (or by a service): the file must still belong to the person at the desk.
if [ "$(id -u)" = 0 ]; then chown "$DESK_UID:$DESK_GID" "$part"; fi
sync "$part" 2>/dev/null || true

n=1
final="$WATCH_DIR/$name.pdf"
while :; do
  if [ ! -e "$final" ]; then
    if ln "$part" "$final" 2>/dev/null; then
      rm -f "$part"
      break
    fi
    # Some shared folders have no hard links: a rename is the next best atomic step.
    if [ ! -e "$final" ] && mv "$part" "$final"; then break; fi
  fi
  n=$((n + 1))
  if [ "$n" -gt 999 ]; then
    rm -f "$part"
    say "too many documents named $name in $WATCH_DIR; the document stays in $pdf"
    exit 1
  fi
  final="$WATCH_DIR/$name ($n).pdf"
done
# The marker tells the watcher the file is finished, so it need not wait for it to settle.
: > "$final.done" && if [ "$(id -u)" = 0 ]; then chown "$DESK_UID:$DESK_GID" "$final.done"; fi
rm -f "$pdf"
exit 0
`;
}
