import { defineCategory } from './support/define-category.ts';

defineCategory('security');
