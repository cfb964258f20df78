#!/usr/bin/env bash
# usage: new-node-lib.sh <dir under libs/> <project-name> <tags comma separated>
set -euo pipefail
dir="libs/$1"; name="$2"; tags="$3"
depth=$(echo "$dir" | awk -F/ '{print NF}')
up=$(printf '../%.0s' $(seq 1 "$depth"))
mkdir -p "$dir/src/lib"
tagjson=$(echo "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": [$tagjson],
  "targets": {
    "test": {
      "executor": "@nx/jest:jest",
      "outputs": ["{workspaceRoot}/coverage/{projectRoot}"],
      "options": { "jestConfig": "$dir/jest.config.ts" }
    }
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "module": "commonjs", "types": ["node"] },
  "files": [],
  "include": [],
  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "${up}dist/out-tsc", "declaration": true, "types": ["node"] },
  "include": ["src/**/*.ts"],
  "exclude": ["jest.config.ts", "src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/**/*.test.ts"]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "${up}dist/out-tsc", "module": "commonjs", "isolatedModules": true, "types": ["jest", "node"] },
  "include": ["jest.config.ts", "src/**/*.test.ts", "src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/**/*.d.ts", "test/**/*.ts"]
}
JSON
cat > "$dir/jest.config.ts" <<JSON
export default {
  displayName: '$name',
  preset: '${up}jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\\\.[tj]s\$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '${up}coverage/$dir',
};
JSON
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
echo "created $dir"
