//! FNV-1a, the one stable 64-bit hash of short keys: article keys in the index and the
//! fingerprints of actor data. Stable across runs and platforms, unlike `DefaultHasher`;
//! not a security hash.

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// A running 64-bit FNV-1a hash.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(OFFSET_BASIS)
    }
}

impl Fnv1a {
    /// A hash of nothing yet.
    pub fn new() -> Fnv1a {
        Fnv1a::default()
    }

    /// Feeds `bytes`, one at a time.
    pub fn write(mut self, bytes: &[u8]) -> Fnv1a {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(PRIME);
        }
        self
    }

    /// The hash of everything written.
    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        // From the FNV reference test suite.
        assert_eq!(Fnv1a::new().finish(), 0xcbf2_9ce4_8422_2325);
        assert_eq!(Fnv1a::new().write(b"a").finish(), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            Fnv1a::new().write(b"foobar").finish(),
            0x8594_4171_f739_67e8
        );
        assert_eq!(
            Fnv1a::new().write(b"foo").write(b"bar").finish(),
            Fnv1a::new().write(b"foobar").finish()
        );
    }
}
