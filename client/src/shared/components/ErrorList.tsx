/** The messages of a field or a group of fields, in the form's error style; nothing when there are none. */
export function ErrorList({ errors, id }: { errors: readonly string[] | undefined; id?: string }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} className="field__errors">
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
