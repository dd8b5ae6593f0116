package reader

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/extract/dates"
)

// record is one line of a JSON Lines corpus. Unknown fields are ignored.
type record struct {
	ID    json.RawMessage `json:"id"`
	Title string          `json:"title"`
	Date  string          `json:"date"`
	Lang  string          `json:"lang"`
	URL   string          `json:"url"`
	Text  *string         `json:"text"`
}

// scanJSONL streams a JSON Lines file, one article per line, handing each
// to emit. Only the current line is held in memory; a line longer than
// opts.MaxSize is skipped without being buffered. A bad line is reported to
// opts.OnError as "path:line" and the next line is read. scanJSONL returns
// only the errors that end the walk (from emit or ctx).
func scanJSONL(ctx context.Context, r io.Reader, path string, opts Options, emit func(where string, doc extract.Document) error) error {
	max := opts.maxSize()
	br := bufio.NewReaderSize(r, 64<<10)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var line []byte
	var records int // non-blank lines
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var size int64
		var eof bool
		line = line[:0]
		for {
			chunk, err := br.ReadSlice('\n')
			size += int64(len(chunk))
			if size <= max+2 { // room for "\r\n"
				line = append(line, chunk...)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				eof = true
			} else if err != nil {
				if ctxErr := ctx.Err(); ctxErr != nil {
					return ctxErr
				}
				opts.fail(fmt.Sprintf("%s:%d", path, n), fmt.Errorf("reading: %w", err))
				return nil
			}
			break
		}
		if eof && size == 0 {
			break
		}
		where := fmt.Sprintf("%s:%d", path, n)
		known := false
		if size <= max+2 && opts.Known != nil {
			if id, hash, ok := peekRecord(line, n == 1); ok {
				if id == "" {
					id = fmt.Sprintf("%s-%d", base, n)
				}
				var err error
				if known, err = opts.Known(Source{ID: id, Path: path, Line: n, Hash: hash}); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
			}
		}
		switch {
		case known:
			records++
		case size > max+2:
			opts.fail(where, tooLarge(fmt.Sprintf("a %d-byte line", size), max))
		default:
			doc, warns, err := parseRecord(line, n == 1)
			for _, w := range warns {
				opts.warn(where, w)
			}
			if !errors.Is(err, errBlank) {
				records++
			}
			switch {
			case errors.Is(err, errBlank):
			case errors.Is(err, ErrEmpty):
				opts.warn(where, err)
			case err != nil:
				opts.fail(where, err)
			default:
				if doc.ID == "" {
					doc.ID = fmt.Sprintf("%s-%d", base, n)
				}
				doc.Path = path
				if err := emit(where, doc); err != nil {
					return err
				}
			}
		}
		if eof {
			break
		}
		if cap(line) > 4<<20 {
			line = nil // do not keep a huge line's buffer for the rest of the file
		}
	}
	if records == 0 {
		opts.warn(path, fmt.Errorf("%w: the file has no records", ErrEmpty))
	}
	return nil
}

// peekRecord reads what Options.Known needs of a JSON Lines record
// without decoding it: the id parseRecord would give ("" when the record
// has none: the caller names it after its line) and the hash of the
// line. ok is false when that cannot be told without decoding: a blank
// line, a line that is not an object, an id that is not a plain string or
// null (escapes, control characters, invalid UTF-8, a number), a key that
// is not plain ASCII (encoding/json matches keys without regard to case,
// by Unicode folding) or more than one key matching "id". Only the top
// level is read; the rest of the line is skipped, not validated, which
// is enough for a lookup by id and hash: a record stored with this hash
// was decoded from these very bytes.
func peekRecord(line []byte, first bool) (id, hash string, ok bool) {
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	body := line
	if first {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	}
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return "", "", false
	}
	i = skipSpace(body, i+1)
	ids := 0
	if i < len(body) && body[i] == '}' {
		i++
	} else {
		for {
			if i >= len(body) || body[i] != '"' {
				return "", "", false
			}
			end := i + 1
			for end < len(body) && body[end] != '"' {
				if c := body[end]; c == '\\' || c < 0x20 || c >= 0x80 {
					return "", "", false
				}
				end++
			}
			if end >= len(body) {
				return "", "", false
			}
			key := body[i+1 : end]
			i = skipSpace(body, end+1)
			if i >= len(body) || body[i] != ':' {
				return "", "", false
			}
			i = skipSpace(body, i+1)
			start := i
			if i = skipValue(body, i); i < 0 {
				return "", "", false
			}
			if len(key) == 2 && key[0]|0x20 == 'i' && key[1]|0x20 == 'd' {
				ids++
				v := body[start:i]
				switch {
				case string(v) == "null":
					id = ""
				case len(v) >= 2 && v[0] == '"' && plainString(v[1:len(v)-1]):
					id = strings.TrimSpace(string(v[1 : len(v)-1]))
				default:
					return "", "", false
				}
			}
			i = skipSpace(body, i)
			if i < len(body) && body[i] == ',' {
				i = skipSpace(body, i+1)
				continue
			}
			if i < len(body) && body[i] == '}' {
				i++
				break
			}
			return "", "", false
		}
	}
	if ids > 1 || skipSpace(body, i) != len(body) {
		return "", "", false
	}
	sum := sha256.Sum256(line)
	return id, hex.EncodeToString(sum[:]), true
}

// plainString reports whether the inside of a JSON string needs no
// decoding: no escape, no control character, valid UTF-8.
func plainString(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c < 0x20 {
			return false
		}
	}
	return utf8.Valid(b)
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the JSON value starting at i, or
// -1 when the line ends first. Strings are skipped escape by escape,
// objects and arrays by depth; numbers and literals run to the next
// delimiter. Nothing else is checked (see peekRecord).
func skipValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch c := b[i]; c {
		case '"':
			i++
			for i < len(b) && b[i] != '"' {
				if b[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(b) {
				return -1
			}
			i++
		case '{', '[':
			depth++
			i++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
			i++
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return i
			}
			i++
		default:
			i++
		}
		if depth == 0 && i < len(b) && (b[i-1] == '"' || b[i-1] == '}' || b[i-1] == ']') {
			return i
		}
	}
	if depth == 0 {
		return i
	}
	return -1
}

// errBlank marks a blank line, skipped silently.
var errBlank = errors.New("blank line")

// parseRecord decodes one JSON Lines record (line ending included or not).
// Hash is the SHA-256 of the line without its line ending; ID is empty when
// the record has none. first says whether this is the file's first line,
// which may start with a UTF-8 byte order mark.
func parseRecord(line []byte, first bool) (extract.Document, []error, error) {
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	sum := sha256.Sum256(line)
	body := line
	if first {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return extract.Document{}, nil, errBlank
	}
	var rec record
	if err := json.Unmarshal(body, &rec); err != nil {
		return extract.Document{}, nil, fmt.Errorf("decoding record: %w", jsonErr(err))
	}
	if rec.Text == nil {
		return extract.Document{}, nil, errors.New(`record has no "text" field`)
	}
	var warns []error
	id, err := recordID(rec.ID)
	if err != nil {
		return extract.Document{}, nil, err
	}
	text := *rec.Text
	if strings.IndexByte(text, 0) >= 0 {
		// encoding/json already turned invalid UTF-8 into U+FFFD; NULs
		// come from \u0000 escapes.
		text = strings.ReplaceAll(text, "\x00", " ")
		warns = append(warns, errors.New("NUL characters in text replaced by spaces"))
	}
	if blank(text) {
		return extract.Document{}, warns, fmt.Errorf("%w: the record's text is empty", ErrEmpty)
	}
	doc := extract.Document{
		ID:    id,
		Title: strings.TrimSpace(rec.Title),
		URL:   strings.TrimSpace(rec.URL),
		Text:  text,
		Hash:  hex.EncodeToString(sum[:]),
	}
	if rec.Date != "" {
		if doc.Date = recordDate(rec.Date); doc.Date == "" {
			warns = append(warns, fmt.Errorf("date %q not understood, ignored", rec.Date))
		}
	}
	if rec.Lang != "" {
		if doc.Lang = normLang(rec.Lang); doc.Lang == "" {
			warns = append(warns, fmt.Errorf("language %q not understood, ignored", rec.Lang))
		}
	}
	return doc, warns, nil
}

// recordID reads an id given as a string or a number.
func recordID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err == nil {
		return num.String(), nil
	}
	return "", fmt.Errorf(`"id" must be a string or a number, not %.40s`, raw)
}

// jsonErr locates syntax errors and rewords encoding/json's type errors,
// which name Go types.
func jsonErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at column %d: %w", se.Offset, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("a line must be a JSON object, not %s", te.Value)
		}
		return fmt.Errorf("field %q must not be %s", te.Field, te.Value)
	}
	return err
}

var isoDate = regexp.MustCompile(`^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T ])`)

// dateLayouts are the non-ISO date formats seen in exported corpora.
var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006",
}

// normDate turns a date into an ISO 8601 date or prefix ("2023",
// "2023-04", "2023-04-14"), or "" when it is not understood.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if m := isoDate.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2]) // "" gives 0, checked below
		d, _ := strconv.Atoi(m[3])
		switch {
		case m[2] == "":
			return m[1]
		case mo < 1 || mo > 12:
			return ""
		case m[3] == "":
			return fmt.Sprintf("%s-%02d", m[1], mo)
		case d < 1 || d > 31:
			return ""
		}
		return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// recordDate reads a JSON Lines record's date: what normDate reads, then
// numeric dates written day first as French archives give them
// ("16/05/2024", "16.05.2024", "05/2024") and dates written out in a
// language kg reads ("16 mai 2024", "jeudi 16 mai 2024"). It returns an
// ISO 8601 date or prefix with the precision written, or "".
func recordDate(s string) string {
	if d := normDate(s); d != "" {
		return d
	}
	if d, ok := dates.ParseNumeric(s); ok {
		return d
	}
	if w, err := dates.Default(); err == nil {
		if d, ok := w.Parse(s); ok {
			return d
		}
	}
	return ""
}

// langNames maps the language names and ISO 639-2 codes seen in corpora to
// ISO 639-1.
var langNames = map[string]string{
	"eng": "en", "english": "en", "anglais": "en",
	"fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
	"vie": "vi", "vietnamese": "vi", "tiếng việt": "vi", "vietnamien": "vi",
}

// normLang turns a language tag or name ("fr", "fr-FR", "en_US", "French")
// into an ISO 639-1 code, or "" when it is not understood.
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if code, ok := langNames[s]; ok {
		return code
	}
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if code, ok := langNames[s]; ok {
		return code
	}
	if len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' {
		return s
	}
	return ""
}
