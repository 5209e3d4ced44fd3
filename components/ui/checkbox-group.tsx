// A set of checkboxes answering one question (a fieldset with its legend, hint and error, wired
// like every field of the kit: the fieldset is `id`, its hint `${id}-hint`, its error
// `${id}-error`), optionally in titled groups. Each ticked box submits `name=value`.
import type { ReactNode } from "react";
import { controlAria, FieldError, Hint, labelClass, RequiredMark } from "./field";

export interface CheckboxOption {
  value: string;
  label: ReactNode;
  /** Ticked when the form is first shown (a setting's current value). */
  defaultChecked?: boolean;
}

export function CheckboxGroupField({
  id,
  name,
  legend,
  hint,
  error,
  required,
  groups,
  testId,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  /** Marks the legend; at least one box must be ticked (checked on the server). */
  required?: boolean;
  /** The boxes, in titled groups (a group without a title is shown bare). */
  groups: { title?: ReactNode; options: CheckboxOption[] }[];
  testId?: string;
}) {
  return (
    <fieldset id={id} tabIndex={-1} data-testid={testId} {...controlAria(id, { hint, error })}>
      <legend className={labelClass}>
        {legend}
        {required ? <RequiredMark /> : null}
      </legend>
      {hint ? <Hint id={id}>{hint}</Hint> : null}
      <div className="mt-1 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
        {groups.map((group, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the groups are a fixed list
          <div key={index}>
            {group.title ? <p className="text-sm font-medium text-slate-600">{group.title}</p> : null}
            {group.options.map((option) => (
              <label key={option.value} className="flex min-h-11 items-center gap-2 text-base">
                <input
                  type="checkbox"
                  name={name}
                  value={option.value}
                  defaultChecked={option.defaultChecked}
                  className="size-5 shrink-0"
                />
                {option.label}
              </label>
            ))}
          </div>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
