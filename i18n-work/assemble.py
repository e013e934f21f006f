# Assembles src/i18n/ru.json from the translated chunks (key = text, "\n" for a new line); keys not yet translated keep the English.
import json, glob, sys
en = json.load(open('src/i18n/en.json'))
tr = {}
for f in sorted(glob.glob('i18n-work/ru-*.txt')):
    for n, line in enumerate(open(f, encoding='utf8'), 1):
        line = line.rstrip('\n')
        if not line.strip(): continue
        k, sep, v = line.partition(' = ')
        if not sep or k not in en: sys.exit(f'{f}:{n}: bad line or unknown key {k!r}')
        tr[k] = v.replace('\\n', '\n')
out = {k: tr.get(k, e['message']) for k, e in en.items()}
json.dump(out, open('src/i18n/ru.json', 'w', encoding='utf8'), ensure_ascii=False, indent=2)
open('src/i18n/ru.json', 'a').write('\n')
missing = [k for k in en if k not in tr]
print(f'{len(tr)} translated, {len(missing)} still English')
