# Transcribes the conformance examples of powershell.md §15 into cases.json, so that the table test
# runs them exactly as written. Run it again when the spec changes, and review the diff.
import json, re, sys
spec = open(sys.argv[2] if len(sys.argv) > 2 else '../shared/spec/powershell.md', encoding='utf8').read()
sec = spec[spec.index('## 15. Conformance examples'):]
# §12.7 document for C62
s127 = spec[spec.index('### 12.7 Worked example'):]
gmail = re.search(r'```xml\n(.*?)\n```', s127, re.S).group(1)
headers = list(re.finditer(r'^\*\*(C\d+)\. (.*?)\*\*(.*)$', sec, re.M))
cases = []
files_by_case = {}
for i, h in enumerate(headers):
    cid, title, rest = h.group(1), h.group(2).strip(), h.group(3).strip()
    body = sec[h.end(): headers[i+1].start() if i+1 < len(headers) else len(sec)]
    store = 'P' if 'Store P' in rest else 'F'
    fences = list(re.finditer(r'(?:`([^`]+)`:\s*\n)?```(?:text|powershell)?\n(.*?)\n```', rest + '\n' + body, re.S))
    files = {}
    runs = []
    # files named in the header line: "`partners.csv`:" immediately before a fence
    text = rest + '\n' + body
    for m in re.finditer(r'```(?:text|powershell)?\n(.*?)\n```', text, re.S):
        content = m.group(1)
        before = text[:m.start()].rstrip()
        named = re.search(r'`([^`]+)`:\s*$', before)
        if named and '--- ' not in content:
            files[named.group(1)] = content + '\n'
            continue
        lines = content.split('\n')
        script, sections, cur = [], {'stdout': [], 'stderr': [], 'exit': []}, None
        for line in lines:
            mm = re.match(r'^--- (stdout|stderr|exit)(.*)$', line)
            if mm:
                cur = mm.group(1)
                if cur == 'exit':
                    sections['exit'] = [int(x) for x in re.findall(r'\d+', mm.group(2))]
                continue
            if cur is None: script.append(line)
            else: sections[cur].append(line)
        run = {'stdout': ''.join(l + '\n' for l in sections['stdout']), 'stderr': ''.join(l + '\n' for l in sections['stderr']), 'exit': sections['exit']}
        if script and script[0].startswith('$ '):
            run['bash'] = [l[2:] for l in script]
        else:
            run['script'] = '\n'.join(script) + '\n'
        runs.append(run)
    # reuse files "of Cnn"
    for ref in re.findall(r'`([^`]+)` of (C\d+)', rest):
        files[ref[0]] = files_by_case[ref[1]][ref[0]]
    if cid == 'C62':
        files['gmail.xml'] = {'utf16le': gmail.replace('\n', '\r\n')}
    files_by_case[cid] = files
    if cid == 'C59':
        runs[0]['file'] = 't.ps1'; runs[1]['file'] = 'u.ps1'
    cases.append({'id': cid, 'title': title, 'store': store, 'files': files, 'runs': runs})
# Usage: python3 test/conformance/extract.py test/conformance/cases.json (reads ../shared/spec/powershell.md)
json.dump({'source': 'powershell.md §15 (C1–C64), transcribed by test/conformance/extract.py; do not edit by hand', 'cases': cases}, open(sys.argv[1], 'w', encoding='utf8'), indent=1, ensure_ascii=False)
print(len(cases), [c['id'] for c in cases if not c['runs']])
