// "@" in the message box offers the names of the room's people (those here now and the authors of the messages
// shown): arrows move, Tab or Enter takes one, Escape closes; a click takes one too.

const SHOWN = 5;

/**
 * Attaches the suggestions to `box` (a textarea), listing them in `list` (a ul); `names()` gives the names
 * to offer, the user's own excluded. Returns whether a key press was the suggestions' to handle.
 */
export function autocomplete(box, list, names) {
    let offered = [];
    let chosen = 0;

    function word() {
        const before = box.value.slice(0, box.selectionStart);
        const match = before.match(/(?:^|[^A-Za-z0-9._-])@([A-Za-z0-9._-]{0,32})$/);
        return match ? { prefix: match[1], start: box.selectionStart - match[1].length } : null;
    }

    function close() {
        offered = [];
        list.hidden = true;
        box.removeAttribute('aria-activedescendant');
    }

    function draw() {
        list.replaceChildren(...offered.map((name, i) => {
            const li = document.createElement('li');
            li.id = `suggest-${i}`;
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', String(i === chosen));
            li.textContent = `@${name}`;
            li.onmousedown = (e) => { e.preventDefault(); take(name); };
            return li;
        }));
        list.hidden = offered.length === 0;
        if (offered.length) box.setAttribute('aria-activedescendant', `suggest-${chosen}`);
    }

    function take(name) {
        const at = word();
        if (!at) return close();
        const end = box.selectionStart;
        box.value = `${box.value.slice(0, at.start)}${name} ${box.value.slice(end)}`;
        box.selectionStart = box.selectionEnd = at.start + name.length + 1;
        close();
        box.dispatchEvent(new Event('input'));
    }

    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-controls', list.id);
    close();
    box.addEventListener('input', () => {
        const at = word();
        if (!at) return close();
        const prefix = at.prefix.toLowerCase();
        offered = [...new Set(names())].filter((name) => name.toLowerCase().startsWith(prefix)
            && name.toLowerCase() !== prefix).sort().slice(0, SHOWN);
        chosen = 0;
        draw();
    });
    box.addEventListener('blur', close);

    return (e) => {
        if (!offered.length) return false;
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            chosen = (chosen + (e.key === 'ArrowDown' ? 1 : offered.length - 1)) % offered.length;
            draw();
        } else if (e.key === 'Enter' || e.key === 'Tab') {
            take(offered[chosen]);
        } else if (e.key === 'Escape') {
            close();
        } else {
            return false;
        }
        e.preventDefault();
        return true;
    };
}
