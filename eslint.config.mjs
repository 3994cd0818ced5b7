import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noSimulators = {
  group: ['**/simulators/**'],
  message: 'The product reaches simulators only through configuration.',
};
const throughIndex = 'Another feature module is reached only through its index.ts (what it exports for others).';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'client/src/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Type-aware rules read each file through the tsconfig that includes it (server/, client/).
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Off: every async function without an await here meets a contract that returns a promise (Apollo plugin
      // hooks, the job queue's interface, fakes of async services in tests), where `async` also turns a throw
      // into a rejection; none of its findings was a forgotten await (no-floating-promises catches those).
      '@typescript-eslint/require-await': 'off',
      // Off: its findings were all String() on values read from untyped JSON (vendor bodies, the simulators'
      // request parsing, headers), turned into text on purpose; a helper doing the same would add nothing.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests read response bodies and mocks as `any` by design; the no-unsafe-* rules stay on for product code.
    files: ['**/*.spec.ts', '**/*.test.{ts,tsx}', 'server/test/**', 'client/src/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Scripts and tool configs are in no tsconfig: they get the syntax rules only.
    files: ['**/*.{js,mjs,cjs}', 'client/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(query|where|andWhere|orWhere)$/] > TemplateLiteral[expressions.length>0]',
          message: 'Build SQL with parameters, never with template literals.',
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/modules/**', 'server/src/integrations/**', 'server/src/simulators/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\./|(\\.\\./)+)modules/[^/]+/.+$', message: throughIndex }] },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noSimulators,
            { regex: '^\\.\\./[^./][^/]*/.+$', message: throughIndex },
            { regex: '^(\\.\\./)+modules/[^/]+/.+$', message: throughIndex },
          ],
        },
      ],
    },
  },
  {
    // A module's own sub-folders: another module is two levels up.
    files: ['server/src/modules/*/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noSimulators,
            { regex: '^\\.\\./\\.\\./[^./][^/]*/.+$', message: throughIndex },
            { regex: '^(\\.\\./)+modules/[^/]+/.+$', message: throughIndex },
          ],
        },
      ],
    },
  },
  {
    // The feature list and its types, beside the module folders.
    files: ['server/src/modules/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noSimulators, { regex: '^\\./[^/]+/.+$', message: throughIndex }] },
      ],
    },
  },
  {
    // lib/ holds cross-cutting tools: it knows no feature, no GraphQL, no vendor.
    files: ['server/src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules', '**/modules/**', '**/graphql/**', '**/integrations/**', '**/simulators/**'],
              message: 'lib/ knows no feature: a feature hands lib what it needs (rules, codes, callbacks).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/integrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/graphql/**', '**/simulators/**'],
              message: 'Vendor clients know nothing of our modules, GraphQL or simulators.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/simulators/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/integrations/**', '**/graphql/**'],
              message: 'Simulators stand in for outside services.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The password estimator's dictionaries are a chunk of their own, loaded with a dynamic import.
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['client/src/features/auth/zxcvbnEstimator.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@zxcvbn-ts/*'], message: 'Import zxcvbn only in zxcvbnEstimator.ts (loaded lazily).' },
            {
              group: ['**/zxcvbnEstimator'],
              allowTypeImports: true,
              message: 'Load the estimator with loadPasswordEstimator() (a dynamic import).',
            },
          ],
        },
      ],
    },
  },
);
