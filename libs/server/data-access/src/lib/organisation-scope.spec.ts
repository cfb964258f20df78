import { childPath, escapeLike, isTreeRoot, isWithin, startsWithPattern, treeRootPath } from './organisation-scope';

describe('organisation paths', () => {
  it('finds the top of any tree from any organisation in it: a province as the demo district', () => {
    // The demo district is organisation 1; a province added later might be 14, its communes deeper ids.
    expect(treeRootPath('/1/')).toBe('/1/');
    expect(treeRootPath('/1/8/')).toBe('/1/');
    expect(treeRootPath('/14/')).toBe('/14/');
    expect(treeRootPath('/14/21/')).toBe('/14/');
  });

  it('tells the top of a tree from everything under it, whatever its kind', () => {
    expect(isTreeRoot(childPath(null, 14))).toBe(true);
    expect(isTreeRoot(childPath('/14/', 21))).toBe(false);
    expect(isTreeRoot('/1/8/')).toBe(false);
  });

  it('keeps one tree out of another whose id starts with the same digits', () => {
    // "/1/" must not take in "/14/…": the closing slash is part of the prefix.
    expect(isWithin('/14/21/', treeRootPath('/1/8/'))).toBe(false);
    expect(isWithin('/1/8/', treeRootPath('/1/'))).toBe(true);
  });
});

describe('LIKE patterns from data', () => {
  it('escapes %, _ and the escape character itself, and nothing else', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(escapeLike('/1/8/')).toBe('/1/8/');
    expect(startsWithPattern('va_')).toBe('va\\_%');
  });
});
