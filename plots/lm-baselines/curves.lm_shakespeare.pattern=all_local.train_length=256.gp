# lm-baselines: training curves, lm_shakespeare (all_local, train_length=256)
#
# Validation loss and accuracy at each validation during training, one line per run
# (seeds of one configuration share its colour, paler for smaller windows; dash: kernel).
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot curves.lm_shakespeare.pattern=all_local.train_length=256.gp
# in this folder: it redraws curves.lm_shakespeare.pattern=all_local.train_length=256.png and curves.lm_shakespeare.pattern=all_local.train_length=256.svg from curves.lm_shakespeare.pattern=all_local.train_length=256.dat.

width = 1200; height = 520   # pixels (svg: points)
fontspec = "sans,10"
data = "curves.lm_shakespeare.pattern=all_local.train_length=256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "curves.lm_shakespeare.pattern=all_local.train_length=256." . format
    set grid
    set multiplot layout 1,2 title "lm-baselines: training curves, lm_shakespeare (all_local, train_length=256)" font ",12"

    # curve_val_loss
    set autoscale y
    set title "validation loss"
    set xlabel "training step"
    set ylabel "loss (nats)"
    set autoscale y
    set key outside below height 1
    plot data index "[curve_val_loss | full seed 0 | ab0baf98cafa0b43]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_loss | full seed 1 | 6bb982f70e652f33]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | full seed 2 | 4a0fdd2107549b97]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 0 | 3a85e9c135267b84]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_loss | swa W16 seed 1 | 700a7d51a509b012]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W16 seed 2 | a382eb73185c36e9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 0 | f00d03dd9bd0739c]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_loss | swa W64 seed 1 | 1d90c168ec1148a1]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | swa W64 seed 2 | cdc30ea519d6a1b2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 0 | e992ff53e3aef900]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_loss | ratt W16 seed 1 | 6cb79d573e1ea4ee]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W16 seed 2 | ea15f9c1b3970b6d]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 0 | 13e94dd7212a4821]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_loss | ratt W64 seed 1 | 3d63743f03ee55a2]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_loss | ratt W64 seed 2 | c7e5d0d07b560a01]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    # curve_val_accuracy
    set autoscale y
    set title "validation accuracy"
    set xlabel "training step"
    set ylabel "accuracy on the validation split"
    set yrange [0.134053:0.459453]
    set key outside below height 1
    plot data index "[curve_val_accuracy | full seed 0 | ab0baf98cafa0b43]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 title "full", \
         data index "[curve_val_accuracy | full seed 1 | 6bb982f70e652f33]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | full seed 2 | 4a0fdd2107549b97]" using 1:2 with lines lc rgb "#000000" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 0 | 3a85e9c135267b84]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 title "swa W16", \
         data index "[curve_val_accuracy | swa W16 seed 1 | 700a7d51a509b012]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W16 seed 2 | a382eb73185c36e9]" using 1:2 with lines lc rgb "#84b4d6" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 0 | f00d03dd9bd0739c]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 title "swa W64", \
         data index "[curve_val_accuracy | swa W64 seed 1 | 1d90c168ec1148a1]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | swa W64 seed 2 | cdc30ea519d6a1b2]" using 1:2 with lines lc rgb "#1f77b4" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 0 | e992ff53e3aef900]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 title "ratt W16", \
         data index "[curve_val_accuracy | ratt W16 seed 1 | 6cb79d573e1ea4ee]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W16 seed 2 | ea15f9c1b3970b6d]" using 1:2 with lines lc rgb "#e88889" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 0 | 13e94dd7212a4821]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 title "ratt W64", \
         data index "[curve_val_accuracy | ratt W64 seed 1 | 3d63743f03ee55a2]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle, \
         data index "[curve_val_accuracy | ratt W64 seed 2 | c7e5d0d07b560a01]" using 1:2 with lines lc rgb "#d62728" pt 7 dt 1 lw 1.2 notitle

    unset multiplot
    set output
}
