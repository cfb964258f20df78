import { insertTreeRoot, OrganisationTree, TreePerson } from '@vanthu/server/testing';
import { CreateOrganisationRequest, CreateUserRequest, OrganisationDto } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { TestApp } from './harness';
import { Directory } from './routing';

/**
 * Builds a whole tree as an installation would: its root and administrator straight into the
 * database (the admin API creates no root), then every organisation under the root and every
 * person through the admin API, as that administrator. Returns the tree's directory.
 */
export async function seedTree(t: TestApp, tree: OrganisationTree): Promise<Directory> {
  const rootId = await insertTreeRoot(t.app.get(DataSource), tree);
  const { agent } = await t.logIn(tree.admin.username, tree.password);
  await addPeople(agent, tree, rootId, tree.root.people);
  for (const child of tree.children) {
    const request: CreateOrganisationRequest = {
      parentId: rootId,
      code: child.code,
      name: child.name,
      kind: child.kind,
      abbreviation: child.abbreviation,
      placeName: child.placeName,
    };
    const created: OrganisationDto = (await agent.post('/api/admin/organisations').send(request).expect(201)).body;
    await addPeople(agent, tree, created.id, child.people);
  }
  return Directory.load(t, tree.admin.username, tree.password);
}

async function addPeople(agent: TestAgent, tree: OrganisationTree, organisationId: number, people: readonly TreePerson[]): Promise<void> {
  for (const person of people) {
    const request: CreateUserRequest = { ...person, organisationId, password: tree.password };
    await agent.post('/api/admin/users').send(request).expect(201);
  }
}
