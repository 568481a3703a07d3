// Cargo looks at build-dependencies only when a crate has a build script;
// the build-dependencies here unify the features of build scripts' and
// proc-macros' dependencies as the normal ones unify the rest.
fn main() {}
