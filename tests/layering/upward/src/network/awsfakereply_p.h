// Part of the layering check's negative case (tests/layering/CMakeLists.txt).
