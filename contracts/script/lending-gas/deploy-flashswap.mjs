// placeholder
export async function deployFlashSwap() { throw new Error('not yet'); }
