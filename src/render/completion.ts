/**
 * `golive completion bash|zsh|fish`: a script that asks golive itself what to offer
 * (`golive __complete -- WORDS...`, answered by core/completion.ts), so that commands, options
 * and the item IDs of the golive.yaml found from the current folder stay current without a new
 * script. Each script only passes the words and shows the answer the way its shell does.
 */
import type { Completion } from "../core/completion.js";
import { safe } from "./text.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

// Each candidate is "value<TAB>description"; a last line ":files" asks for file names too.
const BASH = `# golive completion for bash. Load it from ~/.bashrc:
#   source <(golive completion bash)
# or save it where bash-completion looks for it:
#   golive completion bash > ~/.local/share/bash-completion/completions/golive
_golive_completions() {
  local cur=\${COMP_WORDS[COMP_CWORD]} line value
  COMPREPLY=()
  while IFS= read -r line; do
    if [[ $line == :files ]]; then
      [[ $cur == = ]] && cur=
      compopt -o filenames 2>/dev/null
      while IFS= read -r value; do COMPREPLY+=("$value"); done < <(compgen -f -- "$cur")
    else
      value=\${line%%$'\\t'*}
      [[ $cur == [\\"\\']* ]] || printf -v value '%q' "$value"
      COMPREPLY+=("$value")
    fi
  done < <("\${COMP_WORDS[0]}" __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
}
complete -F _golive_completions golive
`;

const ZSH = `#compdef golive
# golive completion for zsh. Save it as _golive in a folder of $fpath:
#   golive completion zsh > "\${fpath[1]}/_golive"
# or load it from ~/.zshrc, after compinit:
#   source <(golive completion zsh)
_golive() {
  local -a described
  local line files=0 IFS=$'\\n'
  for line in $("\${words[1]}" __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null); do
    if [[ $line == :files ]]; then
      files=1
    else
      described+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
    fi
  done
  (( \${#described} )) && _describe -t values golive described
  (( files )) && _files
  return 0
}
if [[ \${funcstack[1]} == _golive ]]; then
  _golive "$@"
else
  compdef _golive golive
fi
`;

const FISH = `# golive completion for fish. Save it where fish looks for it:
#   golive completion fish > ~/.config/fish/completions/golive.fish
function __golive_complete
    set -l words (commandline -opc)
    set -l golive $words[1]
    set -e words[1]
    set -l current (commandline -ct)
    for line in ($golive __complete -- $words "$current" 2>/dev/null)
        if test "$line" = :files
            __fish_complete_path "$current"
        else
            printf '%s\\n' $line
        end
    end
end
complete -c golive -f -a '(__golive_complete)'
`;

export function renderCompletionScript(shell: Shell): string {
  return shell === "bash" ? BASH : shell === "zsh" ? ZSH : FISH;
}

/** The answer to `golive __complete`: a line per candidate, then `:files` when files fit. */
export function renderCandidates(completion: Completion): string {
  // A tab or line break in a value or description would split the line: escape them.
  const lines = completion.candidates.map((c) => `${safe(c.value)}\t${safe(c.description)}`);
  if (completion.files) lines.push(":files");
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
