// A core file that includes from the network layer: the layering check must refuse it.
#include "network/awsfakereply_p.h"
