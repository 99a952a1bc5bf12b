// The client's dependency rule (README, Layout): app → features → shared, never back and never sideways. A feature is
// a folder under src/features and never imports another feature; what two features need lives in src/shared. Checked
// by `npm run lint:boundaries` in the test command; boundaries.test.ts plants a violation and expects this to fail.
import tsParser from '@typescript-eslint/parser';
import boundaries from 'eslint-plugin-boundaries';

/** Pages and components whose words are all in the message files, in English and Spanish (see the last block). */
const translatedFiles = [
  'src/app/AppShell.tsx',
  'src/app/SetPasswordPage.tsx',
  'src/shared/i18n/*.tsx',
  'src/shared/components/ErrorBanner.tsx',
  'src/features/placements/AcknowledgeLinkPage.tsx',
  'src/features/placements/HoursLinkPage.tsx',
  'src/features/placements/LinkProblem.tsx',
  'src/features/inbox/UnsubscribePage.tsx',
  'src/features/inbox/DeliveryForm.tsx',
  'src/app/SignInPage.tsx',
  'src/features/partners/BecomePartnerPage.tsx',
  'src/app/ForgotPassword.tsx',
  'src/shared/components/RankedList.tsx',
  'src/shared/opportunities/*.tsx',
  'src/features/matching/RecommendationsPage.tsx',
  'src/features/matching/StudentRoundsPage.tsx',
  'src/features/matching/ChoicesEditor.tsx',
  'src/features/opportunities/ApplyPage.tsx',
  'src/features/placements/MyPlacementsPage.tsx',
  'src/shared/components/ConfirmDialog.tsx',
  'src/features/placements/PlacementDetail.tsx',
  'src/features/placements/HoursSection.tsx',
  'src/features/placements/HoursForm.tsx',
  'src/features/placements/ReflectionsSection.tsx',
  'src/features/opportunities/SearchPage.tsx',
  'src/features/people/ProfilePage.tsx',
  'src/features/people/PreferencesForm.tsx',
  'src/features/people/MyProgressPage.tsx',
  'src/shared/continuum/ContinuumProgress.tsx',
  'src/shared/components/SlotsEditor.tsx',
  'src/shared/components/LoadMore.tsx',
  'src/features/inbox/InboxPage.tsx',
  'src/features/events/EventsPage.tsx',
  'src/features/events/SessionPage.tsx',
  'src/features/events/PermissionLinkPage.tsx',
];

export default [
  {
    files: ['src/**/*.{ts,tsx}'],
    // The entry point only mounts the app.
    ignores: ['src/main.tsx'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.css'] } },
      'boundaries/elements': [
        { type: 'app', pattern: 'src/app' },
        { type: 'feature', pattern: 'src/features/*', capture: ['name'] },
        { type: 'shared', pattern: 'src/shared' },
        { type: 'testing', pattern: 'src/test' },
      ],
      'boundaries/files': [{ category: 'test', pattern: 'src/**/*.test.{ts,tsx}' }],
    },
    rules: {
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'app' } }, allow: { to: { element: { types: { anyOf: ['app', 'feature', 'shared', 'testing'] } } } } },
            {
              from: { element: { type: 'feature' } },
              allow: [
                { to: { element: { type: 'feature', captured: { name: '{{ from.element.captured.name }}' } } } },
                { to: { element: { types: { anyOf: ['shared', 'testing'] } } } },
              ],
            },
            { from: { element: { type: 'shared' } }, allow: { to: { element: { types: { anyOf: ['shared', 'testing'] } } } } },
            { from: { element: { type: 'testing' } }, allow: { to: { element: { types: { anyOf: ['shared', 'testing'] } } } } },
            // A test may render the whole app around what it tests (routing, the shell); code never imports the app.
            { from: { file: { categories: 'test' } }, allow: { to: { element: { type: 'app' } } } },
          ],
        },
      ],
    },
  },
  {
    // One data table (shared/components/DataTable): pages describe columns and rows, never table markup.
    files: ['src/app/**/*.tsx', 'src/features/**/*.tsx'],
    ignores: ['src/**/*.test.tsx'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXOpeningElement[name.name='table']", message: 'Use the shared DataTable (src/shared/components/DataTable.tsx).' },
      ],
    },
  },
  {
    // The pages students, guardians and one-time links open, and what they are built from, read every word from the
    // message files (src/shared/i18n/en.json, es.json): no words written into their markup. Add a page here once its
    // words have moved (staff pages follow).
    files: translatedFiles,
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/[A-Za-z]{2,}/]:not([value=/^\\s*LaunchPath\\s*$/])', message: 'Words go in the message files: use t(…) from react-i18next.' },
        {
          selector: 'JSXAttribute[name.name=/^(label|hint|title|placeholder|alt|aria-label|summary|confirmLabel)$/] > Literal[value=/[A-Za-z]{2,}/]',
          message: 'Words go in the message files: use t(…) from react-i18next.',
        },
        { selector: "JSXOpeningElement[name.name='table']", message: 'Use the shared DataTable (src/shared/components/DataTable.tsx).' },
      ],
    },
  },
];
