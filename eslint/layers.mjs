import { dirname, relative, resolve } from 'node:path';

/*
 * Imports run one way: app, components → lib/server (the web edge) → the runtime (composition
 * root) → application and adapters → lib/domain → lib/core. Each folder below names the folders
 * it may import besides itself; anything else is an import that runs back up (or sideways across
 * the house), and fails lint. Test files (*.spec.ts) sit outside the house: they may compose any
 * layer under the edges they test, but never import app/ or components/.
 */
export const LAYERS = {
  'lib/core': [],
  'lib/domain': ['lib/core'],
  'lib/auth': ['lib/core', 'lib/domain'],
  'lib/store': ['lib/core'],
  'lib/read': ['lib/core', 'lib/store', 'lib/generated'],
  'lib/client': ['lib/core'],
  'lib/commands': ['lib/core', 'lib/domain'],
  'lib/workers': ['lib/core', 'lib/read', 'lib/store'],
  'lib/projections': ['lib/core', 'lib/domain', 'lib/read', 'lib/store', 'lib/workers'],
  // One folder per read-model view (its projection, queries, response schemas and tests): over the engine and the read database.
  'lib/views': ['lib/core', 'lib/domain', 'lib/read', 'lib/store', 'lib/projections', 'lib/generated'],
  'lib/outbox': ['lib/core', 'lib/domain', 'lib/read', 'lib/store', 'lib/workers', 'lib/generated'],
  'lib/notifications': ['lib/core', 'lib/domain', 'lib/read', 'lib/outbox'],
  'lib/audit': ['lib/core', 'lib/domain', 'lib/store'],
  'lib/debugger': ['lib/core', 'lib/domain'],
  'lib/migration': ['lib/core', 'lib/domain', 'lib/store'],
  'lib/transfer': ['lib/core', 'lib/domain', 'lib/commands', 'lib/read', 'lib/store', 'lib/workers'],
  'lib/runtime': [
    'lib/core', 'lib/domain', 'lib/auth', 'lib/store', 'lib/read', 'lib/commands', 'lib/workers', 'lib/projections', 'lib/views',
    'lib/outbox', 'lib/notifications', 'lib/audit', 'lib/debugger', 'lib/migration', 'lib/transfer',
  ],
  'lib/seed': ['lib/core', 'lib/domain', 'lib/auth', 'lib/commands', 'lib/store', 'lib/transfer', 'lib/runtime'],
  'lib/cli': [
    'lib/core', 'lib/domain', 'lib/auth', 'lib/store', 'lib/read', 'lib/commands', 'lib/projections', 'lib/views', 'lib/outbox',
    'lib/audit', 'lib/debugger', 'lib/migration', 'lib/transfer', 'lib/runtime', 'lib/seed',
  ],
  'lib/server': [
    'lib/core', 'lib/domain', 'lib/auth', 'lib/store', 'lib/read', 'lib/commands', 'lib/workers', 'lib/projections', 'lib/views',
    'lib/outbox', 'lib/notifications', 'lib/audit', 'lib/debugger', 'lib/migration', 'lib/transfer', 'lib/runtime', 'lib/seed',
  ],
  components: ['lib/server', 'lib/client', 'lib/core', 'lib/domain', 'lib/auth', 'lib/read', 'lib/views', 'lib/debugger', 'lib/audit', 'lib/transfer'],
  app: ['components', 'lib/server', 'lib/core', 'lib/domain', 'lib/auth'],
};

/** Entry points outside the house: they may use anything but each other's insides. */
const OUTSIDE = ['scripts', 'bench', 'e2e', 'eslint', 'bin'];

const layerOf = (root, file) => {
  const path = relative(root, file).split('\\').join('/');
  if (path.startsWith('..')) return null;
  const [top, second] = path.split('/');
  if (top === 'lib') return second ? `lib/${second}` : null;
  if (top === 'app' || top === 'components') return top;
  if (OUTSIDE.includes(top)) return 'outside';
  return top === 'instrumentation.ts' || top === 'proxy.ts' ? 'app' : null;
};

const isSpec = (file) => /\.spec\.tsx?$/.test(file);

export default {
  rules: {
    'imports-run-down': {
      meta: { type: 'problem', schema: [], messages: { up: '{{from}} may not import {{to}} ({{spec}}): imports run app, components → lib/server → lib/runtime → application and adapters → lib/domain → lib/core (eslint/layers.mjs)' } },
      create(context) {
        const file = context.filename;
        const root = context.cwd;
        const from = layerOf(root, file);
        if (from === null || from === 'outside') return {};
        const check = (node, spec) => {
          if (typeof spec !== 'string') return;
          const target = spec.startsWith('@/') ? resolve(root, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(file), spec) : null;
          if (target === null) return;
          const to = layerOf(root, target);
          if (to === null || to === from) return;
          if (isSpec(file)) {
            if (to === 'app' || to === 'components') context.report({ node, messageId: 'up', data: { from, to, spec } });
            return;
          }
          if (!(LAYERS[from] ?? []).includes(to)) context.report({ node, messageId: 'up', data: { from, to, spec } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
