import { defineCategory } from './support/define-category.ts';

await defineCategory('documentation');
