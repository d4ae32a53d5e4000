// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Layers from the bottom up; a layer may import only from layers before it. */
const layers = ['text', 'core', 'db', 'reports', 'ingest', 'server', 'cli'];

/** @param {string} layer */
function forbiddenFor(layer) {
  const index = layers.indexOf(layer);
  return layers.slice(index + 1).map((upper) => ({
    group: [`**/${upper}/**`, `../${upper}/*`, `../../${upper}/*`],
    message: `src/${layer} must not import from src/${upper} (dependency direction: ${layers.join(' ← ')}).`,
  }));
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'bench/results', 'src/db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      // Fastify plugins and handlers are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...layers.slice(0, -1).map((layer) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenFor(layer) }],
    },
  })),
  {
    files: ['src/text/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!./*'],
              message: 'src/text imports nothing from the rest of the project.',
            },
          ],
        },
      ],
    },
  },
  {
    // Subfolders of src/text may use src/text itself, and nothing beyond it.
    files: ['src/text/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*'],
              message: 'src/text imports nothing from the rest of the project.',
            },
          ],
        },
      ],
    },
  },
  {
    // The desk runs in the browser and sees the product only through the HTTP API.
    files: ['src/desk/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      // The two classic hook rules; the React Compiler's rules assume the compiler is used.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*', '!../../../*'],
              message: 'src/desk talks to the server through the API only (src/desk/api.ts).',
            },
            {
              group: ['node:*'],
              message: 'src/desk runs in the browser (tests excepted).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/desk/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
);
