// The terminal's clipboard, set with OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`): the terminal the
// operator looks at stores the text, so it works over SSH. tmux passes it on with
// `set-clipboard on`; terminals that refuse it ignore the sequence.

/** The bytes that put `text` on the clipboard. */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}
