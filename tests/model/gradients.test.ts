/** The training-only pieces: the transpose-first matMul gradient equals tf.matMul's, and one-hot embedding equals gather. */
import { beforeAll, expect, it } from 'vitest';
import { embed, embedOneHot, matMul } from '../../src/lib/model/gpt';
import { setupBackend, smallModel, tf } from './helpers';

beforeAll(setupBackend);

it.each([
	[
		[5, 7],
		[7, 3]
	],
	[
		[2, 3, 5, 4],
		[2, 3, 4, 6]
	]
])('matMul gradient of %j @ %j matches tf.matMul', (sa, sb) => {
	const a = tf.randomNormal(sa, 0, 1, 'float32', 1);
	const b = tf.randomNormal(sb, 0, 1, 'float32', 2);
	const w = tf.randomNormal([...sa.slice(0, -1), sb[sb.length - 1]], 0, 1, 'float32', 3);
	const ours = tf.grads((x: tf.Tensor, y: tf.Tensor) => matMul(x, y).mul(w).sum())([a, b]);
	const theirs = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y).mul(w).sum())([a, b]);
	for (let i = 0; i < 2; i++) expect(tf.max(tf.abs(ours[i].sub(theirs[i]))).dataSync()[0]).toBeLessThan(1e-5);
});

it('one-hot embedding (training) equals gather embedding (inference)', () => {
	const model = smallModel();
	const ids = [3, 1, 4, 1, 5, 9, 2, 6];
	const viaGather = embed(model.weights, ids, [0, 1, 2, 3, 0, 1, 2, 3]);
	const viaOneHot = embedOneHot(model.weights, tf.tensor1d(ids, 'int32'), 4, 2);
	expect(tf.max(tf.abs(viaGather.sub(viaOneHot))).dataSync()[0]).toBe(0);
});
