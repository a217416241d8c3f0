// A settings form drawn from a JSON Schema (plugin manifests' settingsSchema), with secrets
// that are never shown and fields the environment fixes shown locked.
export { SchemaForm, type SchemaFormProps, type SecretStates } from './SchemaForm';
export {
  fieldsOf,
  draftOf,
  fieldProblem,
  draftProblems,
  changeOf,
  type SchemaField,
  type SchemaDraft,
  type SecretEdit,
  type FieldKind,
} from './schemaFields';
