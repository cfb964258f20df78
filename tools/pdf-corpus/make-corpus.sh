#!/usr/bin/env bash
# Regenerates the sample PDFs of libs/pdf-signing/test/corpus/ with the real producers they stand
# for. The tests do not run this: they read the committed files. Run it from anywhere:
#
#   bash tools/pdf-corpus/make-corpus.sh [output directory]   # default: libs/pdf-signing/test/corpus
#
# Needs (Debian 12 package names): libreoffice-writer-nogui, fonts-liberation2, chromium,
# ghostscript, qpdf, texlive-latex-base (pdfTeX, LaTeX, hyperref), and the workspace's
# node_modules (pdf-lib, @pdf-lib/fontkit, @signpdf/*, node-forge). A re-run writes the same
# structures, page counts, page sizes and text places. Ghostscript, pdfTeX and pdf-lib (dates
# from SOURCE_DATE_EPOCH or fixed) write the same bytes again; LibreOffice and Chromium stamp
# the time and a random /ID, qpdf's encryption draws new salts and the signed letter gets a new
# key, so those files (and qpdf's copies of the LibreOffice one) differ byte for byte. The tests
# depend on what README.md in the output directory lists; check it against a re-run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/libs/pdf-signing/test/corpus}")"
SOURCES="$HERE/sources"
CHROMIUM="${CHROMIUM:-chromium}"
export LIBERATION_DIR="${LIBERATION_DIR:-/usr/share/fonts/truetype/liberation2}"
# pdfTeX takes its dates (and so its /ID) from here: the same file on every run.
export SOURCE_DATE_EPOCH=1735689600 FORCE_SOURCE_DATE=1

for tool in soffice "$CHROMIUM" gs qpdf pdflatex node pdfinfo; do
  command -v "$tool" > /dev/null || { echo "make-corpus: $tool is missing (see the comment at the top of this script)" >&2; exit 1; }
done
[ -f "$LIBERATION_DIR/LiberationSerif-Regular.ttf" ] || { echo "make-corpus: Liberation Serif not found in $LIBERATION_DIR (fonts-liberation2)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/out"
cd "$WORK"

step() { printf '%s\n' "make-corpus: $*" >&2; }

step 'LibreOffice: KẾ HOẠCH (classic xref)'
soffice -env:UserInstallation="file://$WORK/libreoffice-profile" --headless --convert-to pdf --outdir "$WORK" "$SOURCES/ke-hoach.fodt" > /dev/null
mv ke-hoach.pdf out/libreoffice-ke-hoach.pdf

step 'qpdf: the LibreOffice file linearized, and encrypted with AES-256 (user password "user")'
qpdf --linearize --deterministic-id out/libreoffice-ke-hoach.pdf out/qpdf-linearized.pdf
qpdf --encrypt user owner 256 -- out/libreoffice-ke-hoach.pdf out/encrypted-aes256.pdf

step 'Chromium: THÔNG BÁO (classic xref)'
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$WORK/chromium-profile" --no-pdf-header-footer \
  --print-to-pdf="$WORK/out/chromium-thong-bao.pdf" "file://$SOURCES/thong-bao.html" > /dev/null 2>&1

step 'Ghostscript: BÁO CÁO from PostScript (classic xref); qpdf: the same with object streams'
node "$ROOT/tools/scripts/run-ts.js" tools/pdf-corpus/postscript.ts "$WORK/bao-cao.ps"
gs -q -dSAFER -dBATCH -dNOPAUSE -sFONTPATH="$LIBERATION_DIR" -sDEVICE=pdfwrite -dCompatibilityLevel=1.4 \
  -o out/ghostscript-bao-cao.pdf bao-cao.ps
qpdf --object-streams=generate --deterministic-id out/ghostscript-bao-cao.pdf out/qpdf-object-streams.pdf

step 'pdfTeX: the records handbook (cross-reference stream, several object streams)'
mkdir tex && cp "$SOURCES/handbook.tex" tex/
(
  cd tex
  # Until the contents and the references are settled (LaTeX says "Rerun" while they move).
  for run in 1 2 3 4; do
    pdflatex -interaction=nonstopmode -halt-on-error handbook.tex > /dev/null || { tail -n 30 handbook.log >&2; exit 1; }
    grep -q 'Rerun to get' handbook.log || break
  done
)
mv tex/handbook.pdf out/pdftex-handbook.pdf

step 'damaged and foreign files'
# The first 20,000 bytes of the pdfTeX file: header and objects, no cross-reference, no trailer.
head -c 20000 out/pdftex-handbook.pdf > out/truncated.pdf
printf 'Kính gửi: Văn phòng UBND huyện Tuy Đức.\nĐây là tệp văn bản thuần đã bị đổi tên thành .pdf, không phải tài liệu PDF.\n' > out/not-a-pdf.pdf

step 'pdf-lib: the annex (classic xref), the invitation (object streams); @signpdf: a signed letter'
node "$ROOT/tools/scripts/run-ts.js" tools/pdf-corpus/pdf-lib.ts "$WORK/out"

step 'checking'
for file in out/*.pdf; do
  case "$(basename "$file")" in
    truncated.pdf | not-a-pdf.pdf) continue ;;
    encrypted-aes256.pdf) qpdf --check --password=user "$file" > /dev/null ;;
    # @signpdf leaves a blank line before its xref keyword, which qpdf warns about (exit 3).
    signed-by-signpdf.pdf) qpdf --check "$file" > /dev/null 2>&1 || [ $? -eq 3 ] ;;
    *) qpdf --check "$file" > /dev/null ;;
  esac
done
grep -q startxref out/truncated.pdf && { echo 'make-corpus: truncated.pdf still has a startxref' >&2; exit 1; }

mkdir -p "$OUT"
cp out/*.pdf "$OUT/"
for file in out/*.pdf; do
  name="$(basename "$file")"
  pages="$( (pdfinfo -upw user "$file" 2> /dev/null || true) | awk '/^Pages:/ { print $2 }')"
  printf '%-28s %8d bytes  %s\n' "$name" "$(stat -c %s "$file")" "${pages:+$pages pages}"
done
echo "make-corpus: written to $OUT"
