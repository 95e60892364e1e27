pub mod conll;
